using Airgap.Cli;

return await CliApp.RunAsync(args);
