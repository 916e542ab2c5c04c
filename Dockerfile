# syntax=docker/dockerfile:1
# Build:  docker build -t gateway:local .
# Run:    docker run -d --name gateway --stop-timeout 15 -v gateway-data:/app/data -p 8080:8080 -p 7001:7001 gateway:local
#         (resp and kv refuse clients from outside the container until resp has a password: README "Docker")
# (docker/compose.yaml publishes every listener; README "Docker" has the podman equivalents the tests run.)

# Pinned to the SDK and runtime the project is built and tested with. Where Microsoft's images cannot be pulled,
# docker/local-base.sh builds equivalents from Debian and the local .NET install (README "Docker"):
#   --build-arg SDK_IMAGE=localhost/dotnet-sdk:10.0 --build-arg RUNTIME_IMAGE=localhost/dotnet-aspnet:10.0
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12

FROM ${SDK_IMAGE} AS build
WORKDIR /source
# Restore first, from the project files alone, so the layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Protocols/Protocols.csproj src/Protocols/
COPY src/Gateway/Gateway.csproj src/Gateway/
RUN dotnet restore src/Gateway/Gateway.csproj
COPY src/ src/
RUN dotnet publish src/Gateway/Gateway.csproj -c Release --no-restore -o /app

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
# The data directory (SQLite database, generated admin key) must be writable by the non-root user.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data
# The image's non-root user (APP_UID is set by the aspnet base image).
USER $APP_UID
ENV DOTNET_gcServer=0
# Admin HTTP API, then every protocol listener's default port (PROTOCOLS.md).
EXPOSE 8080 7000 7001 7002 7003 7379 7004 7005 7006 7007 7008 7009 7010
# The runtime image has no curl; bash's /dev/tcp is enough for one HTTP request. The port follows Admin__Port when
# the container sets it (docker run -e Admin__Port=9090); 8080 is the default of appsettings.json.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD bash -c 'exec 3<>"/dev/tcp/127.0.0.1/${Admin__Port:-8080}" && printf "GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
# docker stop sends SIGTERM: the Gateway stops accepting, tells line clients "Server shutting down", and waits up to
# Gateway:ShutdownTimeout (10 s). Docker's own default before SIGKILL is also 10 s, so give it more:
# docker run --stop-timeout 15, or stop_grace_period in compose.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Gateway.dll"]
