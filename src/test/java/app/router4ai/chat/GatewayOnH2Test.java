package app.router4ai.chat;

/** The gateway contract on the embedded default database. */
class GatewayOnH2Test extends GatewayContract {
}
