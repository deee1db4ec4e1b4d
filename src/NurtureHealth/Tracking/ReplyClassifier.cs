using System.Globalization;
using System.Text;

namespace NurtureHealth.Tracking;

/// <summary>
/// Reads a patient's reply the way the FCC asks since April 2025 — a revocation "by any reasonable means" counts:
/// case, surrounding punctuation and emoji, politeness words and accents do not matter; whole-message keywords and
/// common plain-word and Spanish revocations opt out; a reply that mentions stopping but is not clearly a revocation
/// is <see cref="ReplyKind.MaybeStop"/>, for staff, never dropped.
/// </summary>
public static class ReplyClassifier
{
    private static readonly HashSet<string> StopWords = ["stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"];
    private static readonly HashSet<string> StopWordsEs = ["alto", "parar", "cancelar", "baja"];
    private static readonly HashSet<string> StartWords = ["start", "yes", "unstop"];
    private static readonly HashSet<string> HelpWords = ["help", "info"];
    private static readonly HashSet<string> HelpWordsEs = ["ayuda"];

    // Answers to "Reply C to confirm, R to reschedule" ("Responda C para confirmar, R para reprogramar": the same letters).
    private static readonly HashSet<string> ConfirmWords = ["c", "confirm", "confirmed", "i confirm", "confirming"];
    private static readonly HashSet<string> ConfirmWordsEs = ["confirmo", "confirmar", "confirmado", "si confirmo", "confirmada"];
    private static readonly HashSet<string> RescheduleWords = ["r", "reschedule", "i need to reschedule", "change time"];
    private static readonly HashSet<string> RescheduleWordsEs = ["reprogramar", "cambiar", "cambiar cita", "reprogramar cita"];

    // Words that soften a message without changing what it asks: "stop please", "por favor alto", "STOP, thanks".
    private static readonly HashSet<string> Fillers =
        ["please", "pls", "plz", "thanks", "thank", "you", "thx", "ok", "okay", "now", "asap", "just", "por", "favor", "porfavor", "gracias", "ya", "ahora"];

    private static readonly string[] StopPhrases =
    [
        "opt out", "opt me out", "stop texting", "stop texting me", "stop text", "stop texts", "stop messaging", "stop messaging me",
        "stop sending", "stop sending me texts", "stop sending texts", "stop sending messages", "stop sending me messages", "stop the texts",
        "stop all", "stop all texts", "stop all messages", "stop contacting me", "unsubscribe me", "remove me", "remove me from your list",
        "remove me from the list", "remove me from this list", "take me off", "take me off your list", "take me off the list",
        "no more texts", "no more messages", "no more text messages", "dont text me", "do not text me", "dont text me anymore",
        "do not text me anymore", "dont contact me", "do not contact me", "leave me alone", "end texts", "cancel texts", "cancel messages",
    ];

    private static readonly string[] StopPhrasesEs =
    [
        "no me envien mas", "no me envien mas mensajes", "no me manden mas", "no me manden mas mensajes", "no me escriban mas",
        "no mas mensajes", "no mas textos", "dejen de enviarme mensajes", "dejen de mandarme mensajes", "dejen de escribirme",
        "darme de baja", "quiero darme de baja", "dar de baja", "denme de baja", "cancelar mensajes", "no quiero mas mensajes",
    ];

    // Any of these in a reply that is not clearly a revocation sends it to a person with a warning.
    private static readonly string[] StopStems = ["stop", "unsub", "cancel", "opt", "remove", "quit", "revoke", "alto", "parar", "baja", "spam", "envien", "manden", "molest"];

    /// <summary>Classifies one reply.</summary>
    public static ReplyIntent Classify(string? body)
    {
        var words = Words(body ?? "");
        var meaningful = words.Where(w => !Fillers.Contains(w)).ToList();
        var phrase = string.Join(' ', meaningful.Where((w, i) => i == 0 || meaningful[i - 1] != w)); // "STOP STOP STOP" is STOP

        if (StopWords.Contains(phrase) || StopPhrases.Contains(phrase))
        {
            return new ReplyIntent(ReplyKind.Stop, "en");
        }

        if (StopWordsEs.Contains(phrase) || StopPhrasesEs.Contains(phrase))
        {
            return new ReplyIntent(ReplyKind.Stop, "es");
        }

        if (StartWords.Contains(phrase))
        {
            return new ReplyIntent(ReplyKind.Start, "en");
        }

        if (HelpWords.Contains(phrase) || HelpWordsEs.Contains(phrase))
        {
            return new ReplyIntent(ReplyKind.Help, HelpWordsEs.Contains(phrase) ? "es" : "en");
        }

        if (ConfirmWords.Contains(phrase) || ConfirmWordsEs.Contains(phrase))
        {
            // A bare letter is in no language: the patient's own decides the answer's.
            return new ReplyIntent(ReplyKind.Confirm, ConfirmWordsEs.Contains(phrase) ? "es" : phrase == "c" ? "" : "en");
        }

        if (RescheduleWords.Contains(phrase) || RescheduleWordsEs.Contains(phrase))
        {
            return new ReplyIntent(ReplyKind.Reschedule, RescheduleWordsEs.Contains(phrase) ? "es" : phrase == "r" ? "" : "en");
        }

        return words.Any(w => StopStems.Any(s => w.StartsWith(s, StringComparison.Ordinal)))
            ? new ReplyIntent(ReplyKind.MaybeStop, "en")
            : new ReplyIntent(ReplyKind.Other, "en");
    }

    /// <summary>Lower case, accents off, apostrophes joined ("don't" → dont), everything else that is not a letter or digit a space.</summary>
    private static List<string> Words(string body)
    {
        var decomposed = body.Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘')
            {
                continue;
            }

            text.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
