package app.router4ai.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** How pages show numbers, money and times ({@code ${@fmt.usd(...)}} in templates). Times are UTC, as usage days are. */
@Component("fmt")
class DashboardFormat {

    private final ObjectMapper json;

    DashboardFormat(ObjectMapper json) {
        this.json = json;
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** US dollars from cents: two decimals from a dollar up, up to six below (LLM calls cost fractions of a cent). */
    public String usd(BigDecimal cents) {
        BigDecimal dollars = cents.movePointLeft(2);
        if (dollars.signum() == 0) {
            return "$0.00";
        }
        BigDecimal shown = dollars.abs().compareTo(BigDecimal.ONE) >= 0 ? dollars.setScale(2, RoundingMode.HALF_UP)
                : dollars.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        if (shown.scale() < 2) {
            shown = shown.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + String.format("%,." + shown.scale() + "f", shown);
    }

    /** Cents exactly as {@code _ram.cost_billed_cents_usd} gives them. */
    public String cents(BigDecimal cents) {
        return cents.signum() == 0 ? "0" : cents.stripTrailingZeros().toPlainString();
    }

    public String number(long n) {
        return String.format("%,d", n);
    }

    public String when(Instant at) {
        return at == null ? "" : WHEN.format(at) + " UTC";
    }

    public String whenSeconds(Instant at) {
        return at == null ? "" : WHEN_SECONDS.format(at);
    }

    /** JSON to put inside a {@code <script type="application/json">}: nothing in it can close the element. */
    public String json(Object value) throws JsonProcessingException {
        return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }
}
