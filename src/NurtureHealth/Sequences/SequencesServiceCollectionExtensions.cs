using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Templates;

namespace NurtureHealth.Sequences;

/// <summary>Registers sequences, templates, planning and enrollment.</summary>
public static class SequencesServiceCollectionExtensions
{
    /// <summary>Binds <c>Nurture:Templates</c> and <c>Nurture:Sequences</c>; registers the content, planning, due steps and enrollment.</summary>
    public static IServiceCollection AddSequences(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TemplatesOptions>().Bind(configuration.GetSection("Nurture:Templates")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SequencingOptions>().Bind(configuration.GetSection("Nurture:Sequences")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TemplateContent>();
        services.AddSingleton<SequenceContent>();
        services.AddSingleton<TouchPlanner>();
        services.AddSingleton<StepPlanner>();
        services.AddSingleton<DueSteps>();
        services.AddSingleton<EnrollmentChoice>();
        services.AddSingleton<Enroller>();
        return services;
    }
}
