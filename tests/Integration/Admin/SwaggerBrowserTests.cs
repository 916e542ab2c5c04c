using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Gateway.Tests.Integration.Admin;

/// <summary>Swagger UI in a real headless Chromium (Debian's, installed on first use): authorize and run requests.</summary>
public class SwaggerBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Swagger_ui_authorizes_and_executes_a_request()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await OpenSwaggerAsync(browser, gateway);

        await AuthorizeAsync(page, "Bearer", GatewayInstance.AdminKey);
        await page.ClickAsync(".opblock-summary-path[data-path='/api/users']");
        await page.ClickAsync("button.try-out__btn");
        await page.ClickAsync("button.execute");

        Assert.Equal("200", await StatusAsync(page));
        Assert.StartsWith("[", (await page.Locator(".live-responses-table .response-col_description pre").First.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Swagger_ui_sends_the_sandbox_key_and_secret()
    {
        await using var gateway = await GatewayInstance.StartAsync();
        var created = await gateway.Admin.PostAsJsonAsync("/api/payments", new { amount = 5m, currency = "USD", customer_id = "cus_123" });
        var transactionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transaction_id").GetString()!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await OpenSwaggerAsync(browser, gateway);

        await AuthorizeAsync(page, "SandboxKey", "sandbox-key");
        await AuthorizeAsync(page, "SandboxSecret", "sandbox-secret");
        await page.ClickAsync(".opblock-summary-path[data-path='/sandbox/api/v1/payments/{transactionId}']");
        await page.ClickAsync("button.try-out__btn");
        await page.FillAsync(".parameters input[placeholder='transactionId']", transactionId);
        await page.ClickAsync("button.execute");

        Assert.Equal("200", await StatusAsync(page));
    }

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        await DebianPackage.EnsureInstalledAsync("chromium", "chromium");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private static async Task<IPage> OpenSwaggerAsync(IBrowser browser, GatewayInstance gateway)
    {
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(gateway.AdminAddress, "/swagger/index.html").ToString());
        return page;
    }

    /// <summary>Fills one scheme's field in the Authorize dialog; each scheme has its own form there.</summary>
    private static async Task AuthorizeAsync(IPage page, string scheme, string value)
    {
        await page.ClickAsync("button.authorize");
        var form = page.Locator(".modal-ux form").Filter(new() { HasText = scheme });
        await form.Locator("input").FillAsync(value);
        await form.Locator("button.authorize").ClickAsync();
        await page.Locator(".modal-ux button.btn-done").First.ClickAsync();
    }

    private static async Task<string> StatusAsync(IPage page)
    {
        var status = page.Locator(".live-responses-table .response .response-col_status").First;
        await status.WaitForAsync();
        return (await status.InnerTextAsync()).Trim();
    }
}
