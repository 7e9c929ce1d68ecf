package app.router4ai.admin;

/** Input that would reach the database, on the embedded default database. */
class InputToStorageOnH2Test extends InputToStorageContract {
}
