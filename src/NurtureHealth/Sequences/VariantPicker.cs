namespace NurtureHealth.Sequences;

/// <summary>
/// Deterministic A/B assignment: a hash of the contact, sequence and step picks the variant by weight, so a patient
/// always gets the same version and the split follows the weights.
/// </summary>
public static class VariantPicker
{
    /// <summary>The variant for this contact, or null when the step has no live variants.</summary>
    public static StepVariant? Pick(long contactId, string sequence, string step, IReadOnlyList<StepVariant> variants)
    {
        var live = variants.Where(v => v.Weight > 0).ToList();
        if (live.Count == 0)
        {
            return null;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{sequence}/{step}/{contactId}"));
        var unit = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue; // uniform in [0, 1]
        var point = unit * live.Sum(v => v.Weight);
        foreach (var variant in live)
        {
            point -= variant.Weight;
            if (point < 0)
            {
                return variant;
            }
        }

        return live[^1];
    }
}
