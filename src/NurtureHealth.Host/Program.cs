using NurtureHealth.Host.Commands;

return await NurtureCli.Build().Parse(args).InvokeAsync();
