using NurtureHealth.Checks;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Sequences;

/// <summary>Branching in sequence.yaml: conditions read and checked the way a marketer writes them, and decided on the right facts.</summary>
public sealed class BranchingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public BranchingTests()
    {
        _folder.CopyFrom(TestPaths.Templates);

        // A patient-story email for the "otherwise" branch.
        _folder.Write("skin-guide/patient-story.en.md", "---\nsubject: \"How Dana got her skin back\"\n---\nHi {{ patient.first_name }}, a story from {{ location.short_name }}.\n");
        _folder.Write("skin-guide/nudge.en.txt", "{{ patient.first_name }}, still thinking it over? Book: {{ links.booking }}\n");
    }

    [Fact]
    public void Load_ClickBranchWithChoose_ReadsConditionsAndChoices()
    {
        var sequence = Load("""
              - id: follow-up
                stage: consideration
                channel: email
                delay: 3d
                choose:
                  - when: clicked what-to-expect
                    template: meet-provider
                  - template: patient-story
              - id: nudge
                stage: decision
                channel: sms
                delay: 1d
                when: [not engaged, source is guide-download, language is en]
            """, out var findings)!;

        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        var followUp = sequence.Steps.Single(s => s.Id == "follow-up");
        Assert.True(followUp.DecidedWhenDue);
        Assert.Equal(["meet-provider", "patient-story"], followUp.Choices.Select(c => c.Template));
        var condition = Assert.IsType<EngagementCondition>(Assert.Single(followUp.Choices[0].When));
        Assert.Equal(("what-to-expect", false), (condition.StepId, condition.Negated));
        Assert.Equal(3, sequence.Steps.Single(s => s.Id == "nudge").When.Count);
    }

    [Theory]
    [InlineData("when: clicked what-to-expct", "refers to no earlier step; did you mean 'what-to-expect'?")]
    [InlineData("when: clicked bok", "refers to no earlier step; did you mean 'book'?")]
    [InlineData("when: clicked later-step", "refers to no earlier step; earlier steps are guide, check-in")]
    [InlineData("when: clicked patient-story", "refers to this step itself")]
    [InlineData("when: opened check-in", "step 'check-in' is an SMS, and SMS opens cannot be seen")]
    [InlineData("when: clickd guide", "is not a condition; did you mean 'clicked'?")]
    [InlineData("when: source is add-click", "did you mean 'ad-click'?")]
    [InlineData("when: interest is botox", "names interest 'botox', which group.yaml and the location files do not know")]
    [InlineData("when: language is spanish", "not a language code")]
    [InlineData("when: [clicked guide, not clicked guide]", "can never both hold")]
    [InlineData("when: engaged guide", "takes no step")]
    [InlineData("when: score over 40", "write 'score above 40' or 'score below 20'")]
    public void Load_BadCondition_IsAnErrorAtTheWhenLineNamingTheProblem(string when, string expected)
    {
        Load($"""
              - id: patient-story
                stage: consideration
                channel: email
                delay: 3d
                {when}
            """, out var findings);

        var error = Assert.Single(findings, f => f.Severity == FindingSeverity.Error);
        Assert.EndsWith("sequence.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(LineOf("patient-story") + 4, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ChooseWithMissingTemplateAndAnUnreachableOption_NamesBoth()
    {
        Load("""
              - id: follow-up
                stage: consideration
                channel: email
                delay: 3d
                choose:
                  - template: patient-story
                  - when: clicked guide
                    template: patient-storey
            """, out var findings);

        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains("can never be chosen", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains("no English template 'patient-storey'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ChooseWithoutOtherwise_WarnsThatNonMatchingPatientsSkipTheStep()
    {
        Load("""
              - id: follow-up
                stage: consideration
                channel: email
                delay: 3d
                choose:
                  - when: clicked what-to-expect
                    template: meet-provider
            """, out var findings);

        var warning = Assert.Single(findings, f => f.Severity == FindingSeverity.Warning && f.Message.Contains("choose", StringComparison.Ordinal));
        Assert.Contains("skips step 'follow-up'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_ClickedOrNot_PicksTheBranchAndPlanningLeavesEngagementOpen()
    {
        var step = Load("""
              - id: follow-up
                stage: consideration
                channel: email
                delay: 3d
                choose:
                  - when: clicked what-to-expect
                    template: meet-provider
                  - template: patient-story
            """, out _)!.Steps.Single(s => s.Id == "follow-up");
        var enrollment = new Enrollment { Id = 1, LeadId = 1, SequenceId = "skin-guide", LocationId = "chicago-lincoln-park", ServiceLine = "dermatology" };
        ConditionFacts Facts(params (string, string?)[] events) => new(enrollment, "guide-download", events, true);

        Assert.Equal("meet-provider", StepRules.Template(step, Facts((ContactEventType.Clicked, "what-to-expect"))));
        Assert.Equal("patient-story", StepRules.Template(step, Facts((ContactEventType.Clicked, "guide"))));
        Assert.Equal("patient-story", StepRules.Template(step, Facts((ContactEventType.Opened, "what-to-expect"))));
        Assert.Equal("meet-provider", StepRules.Template(step, ConditionFacts.Planning(enrollment, "guide-download")));
    }

    [Fact]
    public void Load_Variants_ReadWithTheirTemplatesChannelsAndDelaysAndMistakesNamed()
    {
        var step = Load("""
              - id: patient-story
                stage: consideration
                channel: email
                delay: 3d
                variants:
                  - id: story
                    weight: 60
                  - id: text-instead
                    weight: 40
                    template: nudge
                    channel: sms
                    delay: 2d
            """, out var findings)!.Steps.Single(s => s.Id == "patient-story");
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(
            [("story", 60.0, "patient-story", Channel.Email, TimeSpan.FromDays(3)), ("text-instead", 40.0, "nudge", Channel.Sms, TimeSpan.FromDays(2))],
            step.Variants.Select(v => (v.Id, v.Weight, v.Template, v.Channel, v.Delay)));

        Load("""
              - id: patient-story
                stage: consideration
                channel: email
                delay: 3d
                variants:
                  - id: a
                    weight: 50
                    template: nudge
                  - id: a
                    weight: 0
            """, out findings);
        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains("variant 'a' is email but", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains("variant id 'a' is used twice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wait_until: clicked guide\n    timeout: 3d\n    on_timeout: book", "comes before this wait, so the sequence would loop")]
    [InlineData("wait_until: clicked guide\n    timeout: 3d\n    on_timeout: patient-stroy", "there is no step 'patient-stroy'; did you mean 'patient-story'?")]
    [InlineData("wait_until: clicked guide", "needs a timeout")]
    [InlineData("wait_until: source is web-form\n    timeout: 1d", "is known from the start, so there is nothing to wait for")]
    [InlineData("wait_until: clicked guide\n    timeout: soon", "'soon' is not a delay")]
    public void Load_BadWait_IsAnErrorNamingTheProblem(string wait, string expected)
    {
        Load($"""
              - id: wait-a-bit
                {wait.Replace("\n    ", "\n    ", StringComparison.Ordinal)}
              - id: patient-story
                stage: consideration
                channel: email
                delay: 0
            """, out var findings);

        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WaitUntilWithATimeoutPath_ReadsAsAWaitStep()
    {
        var sequence = Load("""
              - id: wait-a-bit
                wait_until: [clicked what-to-expect]
                timeout: 2d
                on_timeout: patient-story
              - id: nudge
                stage: decision
                channel: sms
                delay: 0
              - id: patient-story
                stage: consideration
                channel: email
                delay: 0
            """, out var findings)!;

        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        var wait = sequence.Steps.Single(s => s.Id == "wait-a-bit").Wait!;
        Assert.Equal((TimeSpan.FromDays(2), "patient-story", "clicked what-to-expect"), (wait.Timeout, wait.OnTimeout, Assert.Single(wait.Until).Text));
    }

    [Fact]
    public void Score_AboveAndBelow_AreDecidedOnTheScoreWhenDue()
    {
        var step = Load("""
              - id: patient-story
                stage: consideration
                channel: email
                delay: 3d
                when: score above 40
            """, out var findings)!.Steps.Single(s => s.Id == "patient-story");
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        var enrollment = new Enrollment { LocationId = "chicago-lincoln-park", ServiceLine = "dermatology" };
        ConditionFacts Facts(double score) => new(enrollment, "web-form", [], true) { Score = score };

        Assert.Null(StepRules.Failing(step.When, Facts(41)));
        Assert.Equal("score above 40", StepRules.Failing(step.When, Facts(40))?.Text);
        Assert.Null(StepRules.Failing(step.When, ConditionFacts.Planning(enrollment, "web-form")));
        Assert.True(step.DecidedWhenDue);
    }

    [Fact]
    public void Failing_AttributeAndProviderConditions_NameTheOneThatDoesNotHold()
    {
        var sequence = Load("""
              - id: follow-up
                stage: consideration
                channel: email
                delay: 3d
                template_unused: x
            """, out _);
        Assert.Null(sequence); // unknown key 'template_unused'

        var steps = Load("""
              - id: patient-story
                stage: consideration
                channel: email
                delay: 3d
                when:
                  - provider-matched
                  - interest is not dental-implants
                  - location is chicago-pilsen, chicago-lincoln-park
            """, out var findings)!.Steps;
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        var when = steps.Single(s => s.Id == "patient-story").When;
        var enrollment = new Enrollment { LocationId = "chicago-lincoln-park", ServiceLine = "dermatology", ProviderId = null };

        Assert.Equal("provider-matched", StepRules.Failing(when, ConditionFacts.Planning(enrollment, "web-form"))?.Text);
        enrollment.ProviderId = "ana-ruiz";
        Assert.Null(StepRules.Failing(when, ConditionFacts.Planning(enrollment, "web-form")));
        enrollment.LocationId = "oak-park";
        Assert.Equal("location is chicago-pilsen, chicago-lincoln-park", StepRules.Failing(when, ConditionFacts.Planning(enrollment, "web-form"))?.Text);
    }

    public void Dispose() => _folder.Dispose();

    private Sequence? Load(string extraSteps, out List<FileFinding> findings)
    {
        var file = _folder.File("skin-guide/sequence.yaml");
        var text = File.ReadAllText(Path.Combine(TestPaths.Templates, "skin-guide", "sequence.yaml")).TrimEnd('\n') + "\n" + extraSteps.TrimEnd() + "\n";
        File.WriteAllText(file, text);
        var result = ContentCheck.Run(TestPaths.Locations, _folder.Path);
        findings = result.Findings.Where(f => f.File.EndsWith("skin-guide" + Path.DirectorySeparatorChar + "sequence.yaml", StringComparison.Ordinal)).ToList();
        return result.Sequences?.Find("skin-guide");
    }

    private int LineOf(string stepId) =>
        File.ReadAllLines(_folder.File("skin-guide/sequence.yaml")).Select((l, i) => (l, i)).First(x => x.l.Contains($"id: {stepId}", StringComparison.Ordinal)).i + 1;
}
