package app.router4ai.auth;

/** The key lifecycle on the embedded default database. */
class KeyLifecycleOnH2Test extends KeyLifecycleContract {
}
