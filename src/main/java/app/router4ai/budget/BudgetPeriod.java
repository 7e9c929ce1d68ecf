package app.router4ai.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** How often a budget starts over: UTC calendar days, ISO weeks (Monday), months, or never (a lifetime budget). */
public enum BudgetPeriod {
    DAY, WEEK, MONTH, NONE;

    /** The start of the period holding {@code at} (the epoch for {@link #NONE}). */
    public Instant start(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case NONE -> LocalDate.of(1970, 1, 1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the period holding {@code at} ends and the budget starts over; null for a lifetime budget. */
    public Instant resetsAt(Instant at) {
        LocalDate start = LocalDate.ofInstant(start(at), ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case NONE -> null;
        };
        return next == null ? null : next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The name the API and the database use: {@code day}, {@code week}, {@code month}, {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named so, or null. */
    public static BudgetPeriod of(String id) {
        for (BudgetPeriod period : values()) {
            if (period.id().equals(id)) {
                return period;
            }
        }
        return null;
    }

    /** "daily", "weekly", "monthly", "lifetime": how a message names it. */
    public String adjective() {
        return switch (this) {
            case DAY -> "daily";
            case WEEK -> "weekly";
            case MONTH -> "monthly";
            case NONE -> "lifetime";
        };
    }
}
