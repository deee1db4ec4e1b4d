using NurtureHealth.Yaml;
using YamlDotNet.Core;

namespace NurtureHealth.Tests.Yaml;

/// <summary>Surgical edits of YAML a person wrote: only the edited value's text changes.</summary>
public sealed class YamlTextTests
{
    [Fact]
    public void Set_ScalarsInBlockAndFlowMaps_KeepQuotingAndComments()
    {
        var yaml = YamlText.Parse("""
            # top
            phone: "+13125550142"   # front desk
            address: { line1: '2400 N Lincoln Ave', city: Chicago, postal_code: "60614" }
            name: North
            """);

        yaml.Set(["phone"], YamlValue.Of("+13125550199"));
        yaml.Set(["address", "line1"], YamlValue.Of("2401 N Lincoln Ave, Suite 2"));
        yaml.Set(["address", "city"], YamlValue.Of("Chicago Heights"));
        yaml.Set(["address", "postal_code"], YamlValue.Of("60411"));
        yaml.Set(["name"], YamlValue.Of("North, Suite 2"));

        Assert.Equal("""
            # top
            phone: "+13125550199"   # front desk
            address: { line1: '2401 N Lincoln Ave, Suite 2', city: Chicago Heights, postal_code: "60411" }
            name: North, Suite 2
            """, yaml.Text);
    }

    [Fact]
    public void Set_MissingKeys_AreAddedAfterTheirNeighbour_CreatingTheMapWhenNeeded()
    {
        var yaml = YamlText.Parse("id: north\naddress: { line1: 1 Main St }\nproviders:\n  - id: a\n    name: A  # x\n# end\n");

        yaml.Set(["fhir_id"], YamlValue.Of("123"), after: "id");
        yaml.Set(["address", "postal_code"], YamlValue.Of("60614"));
        yaml.Set(["position", "lat"], YamlValue.Raw("41.9"));
        yaml.Set(["position", "lon"], YamlValue.Raw("-87.6"), after: "lat");
        yaml.Set(["providers", 0, "languages"], YamlValue.Of(["en", "es"]));

        Assert.Equal(
            "id: north\nfhir_id: \"123\"\naddress: { line1: 1 Main St, postal_code: \"60614\" }\nproviders:\n  - id: a\n    name: A  # x\n    languages: [en, es]\n" +
            "position: { lat: 41.9, lon: -87.6 }\n# end\n", yaml.Text);
        Assert.Equal("41.9", yaml.Scalar("position", "lat"));
    }

    [Fact]
    public void Set_BlockList_IsRewrittenInPlaceAtItsIndent()
    {
        var yaml = YamlText.Parse("languages:\n    - en   # first\n    - es\nnext: 1\n");

        Assert.True(yaml.Set(["languages"], YamlValue.Of(["en", "es", "pt"])));

        Assert.Equal("languages:\n    - en\n    - es\n    - pt\nnext: 1\n", yaml.Text);
    }

    [Fact]
    public void Set_ValueOfAnotherShape_ChangesNothing()
    {
        var yaml = YamlText.Parse("phone: [a, b]\n");

        Assert.False(yaml.Set(["phone"], YamlValue.Of("+13125550199")));
        Assert.Equal("phone: [a, b]\n", yaml.Text);
    }

    [Fact]
    public void Append_ToEmptyOrMissingList_MakesABlockList()
    {
        var empty = YamlText.Parse("id: x\nproviders: []\n");
        var missing = YamlText.Parse("id: x\n");

        empty.Append(["providers"], ["id: a", "name: A"]);
        missing.Append(["providers"], ["id: a", "name: A"]);

        Assert.Equal("id: x\nproviders:\n  - id: a\n    name: A\n", empty.Text);
        Assert.Equal("id: x\nproviders:\n  - id: a\n    name: A\n", missing.Text);
        Assert.Equal("a", missing.Scalar("providers", 0, "id"));
    }

    [Fact]
    public void Edits_KeepWindowsLineEndings()
    {
        var yaml = YamlText.Parse("id: x\r\nproviders:\r\n  - id: a\r\n");

        yaml.Set(["name"], YamlValue.Of("X"), after: "id");
        yaml.Append(["providers"], ["id: b"]);

        Assert.Equal("id: x\r\nname: X\r\nproviders:\r\n  - id: a\r\n  - id: b\r\n", yaml.Text);
    }

    [Theory]
    [InlineData("60614", true)]
    [InlineData("+13125550142", true)]
    [InlineData("yes", true)]
    [InlineData("2026-11-26", true)]
    [InlineData("# not a comment", true)]
    [InlineData("a: b", true)]
    [InlineData("Ana Ruiz, MD", true)]
    [InlineData("Lakeshore Health — Lincoln Park", false)]
    [InlineData("2400 N Lincoln Ave", false)]
    [InlineData("dermatology", false)]
    public void NeedsQuotes_WhatOtherReadersWouldMisread(string value, bool quoted)
    {
        Assert.Equal(quoted, YamlScalars.NeedsQuotes(value));
        var readBack = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, string>>($"v: {YamlScalars.Render(value, ScalarStyle.Plain)}\n");
        Assert.Equal(value, readBack["v"]);
    }
}
