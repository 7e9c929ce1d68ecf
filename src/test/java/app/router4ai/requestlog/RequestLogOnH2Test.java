package app.router4ai.requestlog;

/** The request log on the embedded H2 database. */
class RequestLogOnH2Test extends RequestLogContract {
}
