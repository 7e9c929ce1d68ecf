package app.router4ai.routing.failover;

import app.router4ai.api.ProviderClientError;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import app.router4ai.call.CallProperties;
import app.router4ai.provider.ProviderFailure;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.provider.StreamOpening;
import app.router4ai.routing.Deployment;
import app.router4ai.routing.ModelCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * One attempt of a hedged model ({@code hedge:} in the routing file): the candidate runs on a copy of the exchange,
 * on a virtual thread; when it has sent no first byte (its provider route has not returned: a whole answer, or a
 * stream up to its first content) after the hedge delay, and the budget allows, the next candidate starts beside it.
 * The first to answer wins: its message, call state and end-of-request work (camel-http closes the response then)
 * go to the request's exchange; the other is cancelled at once (its virtual thread is interrupted, which closes its
 * socket; its in-flight count and breaker permission are released; it is no failure and gets no ledger row). If both
 * fail, the failover loop goes on with the remaining candidates, the last failure in hand.
 */
@Component
public class HedgedAttempt implements Processor {

    private static final Logger log = LoggerFactory.getLogger(HedgedAttempt.class);

    private final ProducerTemplate routes;
    private final ProviderHealth health;
    private final AttemptPlanner planner;
    private final ModelCatalog catalog;
    private final HedgeBudget budget;
    private final FirstByteTimes firstBytes;
    private final MeterRegistry meters;

    public HedgedAttempt(ProducerTemplate routes, ProviderHealth health, AttemptPlanner planner, ModelCatalog catalog,
                         HedgeBudget budget, FirstByteTimes firstBytes, MeterRegistry meters) {
        this.routes = routes;
        this.health = health;
        this.planner = planner;
        this.catalog = catalog;
        this.budget = budget;
        this.firstBytes = firstBytes;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        ApiCall call = ApiCall.of(exchange);
        Deployment first = call.deployment();
        String model = first.model().id();
        HedgePolicy policy = catalog.current().failover().hedge(model);
        if (policy == null || call.hedged() || call.remainingCandidates().isEmpty()) {
            inline(exchange, call, first);
            return;
        }
        if (call.attempts().isEmpty()) {
            budget.request(model, policy);   // once per request, at its first attempt
        }
        BlockingQueue<Run> finished = new LinkedBlockingQueue<>();
        List<Run> running = new ArrayList<>(2);
        running.add(start(exchange, call, first, finished));
        try {
            race(exchange, call, first, model, policy, finished, running);
        } catch (InterruptedException e) {
            running.forEach(Run::cancel);
            throw e;
        }
    }

    /** Waits for the first to answer, starting the hedge after the delay; the loser is cancelled. */
    private void race(Exchange exchange, ApiCall call, Deployment first, String model, HedgePolicy policy,
                      BlockingQueue<Run> finished, List<Run> running) throws InterruptedException {
        Run done = finished.poll(delayMs(policy, first), TimeUnit.MILLISECONDS);
        if (done == null) {
            Run hedge = hedge(exchange, call, first, model, finished);
            if (hedge != null) {
                running.add(hedge);
            }
            done = finished.take();
        }
        Run lastFailed = null;
        while (true) {
            running.remove(done);
            if (done.succeeded()) {
                win(exchange, call, done, running);
                return;
            }
            if (running.isEmpty()) {
                lastFailed = done;
                break;
            }
            failedBeside(call, done);
            done = finished.take();
        }
        if (call.hedged()) {
            meters.counter("router.hedges", "outcome", "both_failed").increment();
        }
        adopt(exchange, call, lastFailed);
    }

    /** Not hedged (no budget, no candidate left, or the routing file changed): the attempt as the route makes it. */
    private void inline(Exchange exchange, ApiCall call, Deployment deployment) {
        // the failover route's own URI (its option spelled out), so that with tracing on this is the attempt's span
        routes.send("direct:provider-" + deployment.providerName() + "?failIfNoConsumers=true", exchange);
        if (exchange.getException() == null) {
            firstBytes.record(deployment.key(), (System.nanoTime() - call.attemptStartNanos()) / 1_000_000);
        }
    }

    private long delayMs(HedgePolicy policy, Deployment deployment) {
        if (!policy.p95()) {
            return policy.after().toMillis();
        }
        long p95 = firstBytes.p95(deployment.key());
        return p95 > 0 ? p95 : HedgePolicy.UNTIL_KNOWN.toMillis();
    }

    /** The next candidate, started beside the first, when one may be called now and the budget allows; else null. */
    private Run hedge(Exchange exchange, ApiCall call, Deployment first, String model, BlockingQueue<Run> finished) {
        for (Iterator<Deployment> it = call.remainingCandidates().iterator(); it.hasNext(); ) {
            Deployment next = it.next();
            if (next.key().equals(first.key()) || !planner.fits(call, next) || !health.tryAcquire(next.key())) {
                continue;
            }
            if (!budget.tryHedge(model)) {
                health.release(next.key());
                meters.counter("router.hedges", "outcome", "over_budget").increment();
                return null;
            }
            it.remove();
            call.hedgeStarted();
            planner.attempting(call, next);
            log.info("Request {}: {} sent no first byte in time; hedging on {}", call.requestId(), first.providerName(),
                    next.providerName());
            return start(exchange, call, next, finished);
        }
        return null;
    }

    /** Runs {@code deployment}'s provider route on a copy of the exchange, on a virtual thread of its own. */
    private Run start(Exchange exchange, ApiCall call, Deployment deployment, BlockingQueue<Run> finished) {
        Exchange copy = exchange.copy();
        // Its own unit of work: the provider route then leaves it open (it would close the answer's stream at its
        // end), and its end-of-request work stays its own until it is handed over (winner) or done (loser).
        UnitOfWork work = PluginHelper.getUnitOfWorkFactory(exchange.getContext()).createUnitOfWork(copy);
        copy.getExchangeExtension().setUnitOfWork(work);
        ApiCall attempt = call.forAttempt(deployment);
        copy.setProperty(ApiCall.PROPERTY, attempt);
        long[] timeouts = planner.timeouts(call, deployment);
        CallProperties.target(copy, deployment.providerName(), timeouts[0], timeouts[1]);
        Run run = new Run(copy, attempt, deployment, finished);
        run.thread = Thread.ofVirtual().name("hedge-" + deployment.providerName()).unstarted(run);
        run.thread.start();
        return run;
    }

    private void win(Exchange exchange, ApiCall call, Run winner, List<Run> others) {
        for (Run loser : others) {
            loser.cancel();
            call.attemptEnded(loser.deployment, loser.call.attemptStartNanos(), Attempt.HEDGE_LOST,
                    loser.deployment.providerName() + " (hedge lost: " + winner.deployment.providerName() + " answered first)");
            meters.counter("router.attempts", "provider", loser.deployment.providerName(), "outcome", "hedge_lost",
                    "reason", "hedge_lost").increment();
        }
        if (call.hedged()) {
            boolean hedgeWon = !winner.deployment.equals(call.deployment());
            meters.counter("router.hedges", "outcome", hedgeWon ? "hedge_won" : "first_won").increment();
        }
        firstBytes.record(winner.deployment.key(), (System.nanoTime() - winner.call.attemptStartNanos()) / 1_000_000);
        adopt(exchange, call, winner);
    }

    /** The run's outcome becomes the request's: its call state, message or failure, and its end-of-request work. */
    private static void adopt(Exchange exchange, ApiCall call, Run run) {
        call.adopt(run.call);
        exchange.setProperty(CallProperties.PROVIDER, run.copy.getProperty(CallProperties.PROVIDER));
        exchange.getMessage().copyFrom(run.copy.getMessage());
        exchange.setException(run.copy.getException());
        run.copy.getExchangeExtension().handoverCompletions(exchange);
        run.copy.getUnitOfWork().done(run.copy);   // nothing left to run: it leaves Camel's in-flight registry
    }

    /** One of two attempts failed while the other still runs: recorded as the failover loop would, and let go. */
    private void failedBeside(ApiCall call, Run run) {
        Throwable failed = run.copy.getException();
        String provider = run.deployment.providerName();
        String description;
        if (failed instanceof ProviderClientError refused) {
            health.rejectedRequest(run.deployment.key(), run.call.attemptStartNanos());
            description = provider + " (refused: HTTP " + refused.status() + ")";
        } else {
            ProviderFailure failure = ProviderFailure.from(provider, failed);
            if (failure.providerAtFault()) {
                health.failed(run.deployment.key(), run.call.attemptStartNanos(), failure);
            } else {
                health.rejectedRequest(run.deployment.key(), run.call.attemptStartNanos());
            }
            description = failure.describe();
        }
        meters.counter("router.attempts", "provider", provider, "outcome", "failed", "reason", "hedged").increment();
        call.attemptEnded(run.deployment, run.call.attemptStartNanos(), Attempt.FAILED, description);
        run.release();
    }

    /** One attempt on its own thread and its own copy of the exchange. */
    private final class Run implements Runnable {

        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int CANCELLED = 2;

        private final Exchange copy;
        private final ApiCall call;
        private final Deployment deployment;
        private final BlockingQueue<Run> finished;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final java.util.Map<String, String> logContext = MDC.getCopyOfContextMap();
        private Thread thread;

        Run(Exchange copy, ApiCall call, Deployment deployment, BlockingQueue<Run> finished) {
            this.copy = copy;
            this.call = call;
            this.deployment = deployment;
            this.finished = finished;
        }

        @Override
        public void run() {
            if (logContext != null) {
                MDC.setContextMap(logContext);   // its log lines name the request, as the request thread's do
            }
            try {
                // a plain direct: URI, so no span: two attempts at once would share the request's span bookkeeping
                routes.send("direct:provider-" + deployment.providerName(), copy);
            } catch (RuntimeException e) {
                copy.setException(e);
            } finally {
                if (state.compareAndSet(RUNNING, FINISHED)) {
                    finished.add(this);
                } else {
                    Thread.interrupted();   // cancelled while it ran: the interrupt did its work
                    health.release(deployment.key());
                    release();
                }
            }
        }

        boolean succeeded() {
            return copy.getException() == null;
        }

        /** The other attempt answered first: stop this one now (an interrupted virtual thread's socket closes). */
        void cancel() {
            if (state.compareAndSet(RUNNING, CANCELLED)) {
                thread.interrupt();
            } else {
                health.release(deployment.key());
                release();
            }
        }

        /** Drops its answer, if any, without reading it, and ends its unit of work (response closed, count released). */
        void release() {
            if (copy.getMessage().getBody() instanceof StreamOpening.Opened opened) {
                opened.abort();
            }
            try {
                copy.getUnitOfWork().done(copy);
            } catch (RuntimeException e) {
                log.debug("Releasing a hedged attempt at {}: {}", deployment.providerName(), e.toString());
            }
        }
    }
}
