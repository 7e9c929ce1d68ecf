package app.router4ai.provider;

/** The wire format a provider speaks; each has one {@link WireAdapter}. */
public enum Wire {
    OPENAI,
    ANTHROPIC,
    GEMINI
}
