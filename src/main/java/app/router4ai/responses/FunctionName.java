package app.router4ai.responses;

/**
 * A function as the client named it: inside a {@code namespace} tool (Codex groups MCP tools so) or at the top
 * level ({@code namespace} null). Providers see one flat list of functions; a call comes back with these names.
 */
record FunctionName(String namespace, String name) {
}
