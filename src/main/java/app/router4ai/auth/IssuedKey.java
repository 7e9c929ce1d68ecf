package app.router4ai.auth;

/** A key just created: the only moment the full key exists outside its owner's hands. */
public record IssuedKey(StoredKey stored, String fullKey) {
}
