using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Gateway.Tests.Integration.Admin;

/// <summary>Swagger UI in a real headless Chromium (Debian's, installed on first use): authorize with the key and run a request.</summary>
public class SwaggerBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Swagger_ui_authorizes_and_executes_a_request()
    {
        await DebianPackage.EnsureInstalledAsync("chromium", "chromium");
        await using var gateway = await GatewayInstance.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync(new Uri(gateway.AdminAddress, "/swagger/index.html").ToString());
        await page.ClickAsync("button.authorize");
        await page.FillAsync(".modal-ux input[type=text], .modal-ux input[type=password]", GatewayInstance.AdminKey);
        await page.ClickAsync(".modal-ux .auth-btn-wrapper button.authorize");
        await page.ClickAsync(".modal-ux button.btn-done");
        await page.ClickAsync(".opblock-summary-path[data-path='/api/users']");
        await page.ClickAsync("button.try-out__btn");
        await page.ClickAsync("button.execute");
        var status = page.Locator(".live-responses-table .response .response-col_status");
        await status.First.WaitForAsync();

        Assert.Equal("200", (await status.First.InnerTextAsync()).Trim());
        Assert.StartsWith("[", (await page.Locator(".live-responses-table .response-col_description pre").First.InnerTextAsync()).Trim());
    }
}
