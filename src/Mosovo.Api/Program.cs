using JasperFx;
using Mosovo.Api.Hosting;

if (await CommandLine.TryRunAsync(args) is { } exitCode)
    return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosovo();

var app = builder.Build();
// "codegen write" (build/codegen.sh) writes the handler code Wolverine runs into Internal/Generated.
if (args is ["codegen", ..])
    return await app.RunJasperFxCommands(args);

await app.MigrateAsync();
await WarmUp.RunAsync(app.Services, CancellationToken.None);
app.UseMosovo();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
