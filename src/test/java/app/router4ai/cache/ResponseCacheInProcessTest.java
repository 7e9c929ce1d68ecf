package app.router4ai.cache;

/** The response cache in this JVM (the default without Redis). */
class ResponseCacheInProcessTest extends ResponseCacheContract {
}
