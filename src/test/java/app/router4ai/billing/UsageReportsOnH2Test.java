package app.router4ai.billing;

/** Usage reports on the embedded default database. */
class UsageReportsOnH2Test extends UsageReportsContract {
}
