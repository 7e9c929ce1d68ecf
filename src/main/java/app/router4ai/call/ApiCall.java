package app.router4ai.call;

import app.router4ai.auth.Caller;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What one API request carries from step to step of the route: each step reads what
 * the earlier ones set and adds its own part. Lives in the exchange property {@link #PROPERTY}.
 */
public final class ApiCall {

    public static final String PROPERTY = CallProperties.CALL;

    /** The call of this exchange, or null before {@link ApiCallStarter} ran. */
    public static ApiCall of(org.apache.camel.Exchange exchange) {
        return exchange.getProperty(PROPERTY, ApiCall.class);
    }

    private final Surface surface;
    private final String path;
    private final String requestId;
    private final long startNanos;
    private final List<String> failedAttempts = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private Caller caller;
    private ObjectNode request;
    private ObjectNode clientBody;
    private byte[] clientBytes;
    private final java.util.Map<String, String> forwardedHeaders = new java.util.LinkedHashMap<>(2);
    private RuntimeException untranslatable;
    private boolean passThrough;
    private byte[] nativeAnswer;
    private String requestedModel;
    private boolean stream;
    private boolean clientWantsUsage;
    private Deployment deployment;
    private java.util.Deque<Deployment> candidates = new java.util.ArrayDeque<>();
    private long attemptStartNanos;
    private long ttftMs = -1;
    private long answeredAttemptMs = -1;
    private String traceId;
    private boolean answered;
    private int failovers;
    private boolean hedged;
    private app.router4ai.routing.failover.FailoverState failover = new app.router4ai.routing.failover.FailoverState();
    private String cacheKey;
    private ObjectNode cachedEntry;
    private boolean cacheHit;
    // set on the request's thread when its ledger row is on its way (the billing wire tap runs on another thread)
    private volatile boolean billingQueued;
    private Usage usage = Usage.NONE;
    private BigDecimal costCents = BigDecimal.ZERO;
    private long latencyMs;
    private String answeringModel;
    private String usageRejected;
    private Object surfaceRequest;
    private java.util.Map<String, String> answerHeaders = java.util.Map.of();

    /** A chat-completions call (tests, benchmarks). */
    public ApiCall() {
        this(Surface.CHAT);
    }

    public ApiCall(Surface surface) {
        this(surface, surface.path());
    }

    /** A call to {@code path} (the endpoint's path, without the query string) of the surface. */
    public ApiCall(Surface surface, String path) {
        this(surface, path, RequestIds.next(), System.nanoTime());
    }

    /**
     * A copy for one attempt run beside another (a hedge): the same request, its own deployment, attempt clock and
     * answer, so two provider routes can run at once; the winner's are taken back with {@link #adopt}.
     */
    public ApiCall forAttempt(Deployment deployment) {
        ApiCall copy = new ApiCall(surface, path, requestId, startNanos);
        copy.caller = caller;
        copy.request = request;
        copy.clientBody = clientBody;
        copy.clientBytes = clientBytes;
        copy.forwardedHeaders.putAll(forwardedHeaders);
        copy.untranslatable = untranslatable;
        copy.requestedModel = requestedModel;
        copy.stream = stream;
        copy.clientWantsUsage = clientWantsUsage;
        copy.traceId = traceId;
        copy.surfaceRequest = surfaceRequest;
        copy.cacheKey = cacheKey;
        copy.failover = failover.copy();
        copy.attempt(deployment);
        return copy;
    }

    private ApiCall(Surface surface, String path, String requestId, long startNanos) {
        this.surface = surface;
        this.path = path;
        this.requestId = requestId;
        this.startNanos = startNanos;
    }

    /** Takes the answer of an attempt run on a copy ({@link #forAttempt}): its deployment, clock and what it read. */
    public void adopt(ApiCall attempt) {
        this.deployment = attempt.deployment;
        this.attemptStartNanos = attempt.attemptStartNanos;
        this.passThrough = attempt.passThrough;
        this.nativeAnswer = attempt.nativeAnswer;
        if (attempt.answeringModel != null) {
            this.answeringModel = attempt.answeringModel;
        }
    }

    /** The API the client called: how its request was read and how the answer is written. */
    public Surface surface() {
        return surface;
    }

    /** The path the client called: a provider speaking the surface's format is called on the same path. */
    public String path() {
        return path;
    }

    public String requestId() {
        return requestId;
    }

    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public Caller caller() {
        return caller;
    }

    public void caller(Caller caller) {
        this.caller = caller;
    }

    /** The request in the router's canonical form (an OpenAI chat-completions body for every chat-like surface). */
    public ObjectNode request() {
        return request;
    }

    /**
     * The body as the client sent it, for a provider that speaks the surface's own format (Anthropic for
     * {@code /v1/messages}); the same object as {@link #request()} on the chat surface.
     */
    public ObjectNode clientBody() {
        return clientBody != null ? clientBody : request;
    }

    /** Keeps the client's own body beside the canonical request (see {@link #clientBody()}). */
    public void clientBody(ObjectNode body) {
        this.clientBody = body;
    }

    /** Keeps the client's own body, parsed and as the bytes it sent (a pass-through sends those bytes on). */
    public void clientBody(ObjectNode body, byte[] bytes) {
        this.clientBody = body;
        this.clientBytes = bytes;
    }

    /** The client's body exactly as it arrived, or null when the surface does not keep it. */
    public byte[] clientBytes() {
        return clientBytes;
    }

    /** A client header a provider speaking the surface's format gets as well (e.g. {@code anthropic-beta}). */
    public void forwardHeader(String name, String value) {
        forwardedHeaders.put(name, value);
    }

    public java.util.Map<String, String> forwardedHeaders() {
        return forwardedHeaders;
    }

    /**
     * Why the client's body has no complete canonical form (a block only the surface's own providers take), or
     * null. A translated attempt fails with it (the candidate is unfit); a pass-through does not need it.
     */
    public RuntimeException untranslatable() {
        return untranslatable;
    }

    public void untranslatable(RuntimeException why) {
        this.untranslatable = why;
    }

    /**
     * Whether the current attempt's provider speaks the surface's own format: it gets the client's body (model
     * id aside) and its answer goes back as it is, with the router's additions. Set per attempt.
     */
    public boolean passThrough() {
        return passThrough;
    }

    public void passThrough(boolean passThrough) {
        this.passThrough = passThrough;
        this.nativeAnswer = null;
    }

    /** A pass-through attempt's complete answer, as the provider's bytes (the canonical form is the exchange body). */
    public byte[] nativeAnswer() {
        return nativeAnswer;
    }

    public void nativeAnswer(byte[] body) {
        this.nativeAnswer = body;
    }

    public String requestedModel() {
        return requestedModel;
    }

    public boolean stream() {
        return stream;
    }

    public boolean clientWantsUsage() {
        return clientWantsUsage;
    }

    public void parsed(ObjectNode request, String requestedModel, boolean stream, boolean clientWantsUsage) {
        this.request = request;
        this.requestedModel = requestedModel;
        this.stream = stream;
        this.clientWantsUsage = clientWantsUsage;
    }

    /**
     * What the surface's parser kept of the client's request for writing the answer in its format (e.g. the
     * Responses API's response id, input items and echoed settings); null on chat.
     */
    public <T> T surfaceRequest(Class<T> type) {
        return type.cast(surfaceRequest);
    }

    public void surfaceRequest(Object request) {
        this.surfaceRequest = request;
    }

    /** Headers a surface adds to a successful answer (e.g. which of the client's tools were left out). */
    public java.util.Map<String, String> answerHeaders() {
        return answerHeaders;
    }

    public void answerHeader(String name, String value) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(answerHeaders);
        headers.put(name, value);
        this.answerHeaders = headers;
    }

    /** The deployment being tried, or the one that answered. */
    public Deployment deployment() {
        return deployment;
    }

    public void candidates(List<Deployment> ordered) {
        this.candidates = new java.util.ArrayDeque<>(ordered);
    }

    /** The candidates not tried yet, in order. */
    public java.util.Deque<Deployment> remainingCandidates() {
        return candidates;
    }

    /** Starts an attempt on this deployment. */
    public void attempt(Deployment deployment) {
        this.deployment = deployment;
        this.attemptStartNanos = System.nanoTime();
    }

    public long attemptStartNanos() {
        return attemptStartNanos;
    }

    /** The provider answered: for a stream its first byte arrived, else the whole answer did. */
    public void firstByte() {
        this.ttftMs = elapsedMs();
        this.answeredAttemptMs = (System.nanoTime() - attemptStartNanos) / 1_000_000;
    }

    /** How long the attempt that answered took to its first byte, or -1 when none did. */
    public long answeredAttemptMs() {
        return answeredAttemptMs;
    }

    /** Time to the answer's first byte from the request's start, or -1 when no provider answered (a cache hit). */
    public long ttftMs() {
        return ttftMs;
    }

    /** The trace this request is part of when tracing is on, else null. */
    /** The call's ledger row is on its way: it is also the call's request-log line. */
    public void billingQueued(boolean queued) {
        this.billingQueued = queued;
    }

    public boolean billingQueued() {
        return billingQueued;
    }

    public String traceId() {
        return traceId;
    }

    public void traceId(String traceId) {
        this.traceId = traceId;
    }

    /** A candidate answered (a stream: its first byte came): the failover loop stops. */
    public void answered() {
        this.answered = true;
    }

    /** Whether the failover loop goes on: no candidate has answered yet. */
    public boolean stillTrying() {
        return !answered;
    }

    /** Every candidate that did not answer, with why: the message of a 503 lists them. */
    public List<String> failedAttempts() {
        return failedAttempts;
    }

    /** A candidate was called and failed: it counts towards {@code failover_count}. */
    public void attemptFailed(String description) {
        failedAttempts.add(description);
        attempts.add(new Attempt(deployment.providerName(), deployment.model().id(), Attempt.FAILED,
                (System.nanoTime() - attemptStartNanos) / 1_000_000, description));
        failovers++;
    }

    /** The attempt failed and the same deployment is tried again (a retry, not a failover). */
    public void attemptRetried(String description) {
        failedAttempts.add(description);
        attempts.add(new Attempt(deployment.providerName(), deployment.model().id(), Attempt.RETRIED,
                (System.nanoTime() - attemptStartNanos) / 1_000_000, description));
    }

    /**
     * An attempt that ran beside the one in {@link #deployment()} (a hedge) and ended: {@link Attempt#FAILED} counts
     * towards {@code failover_count} as any failed attempt does; {@link Attempt#HEDGE_LOST} (cancelled, the other
     * answered first) does not.
     */
    public void attemptEnded(Deployment other, long startNanos, String outcome, String description) {
        attempts.add(new Attempt(other.providerName(), other.model().id(), outcome, (System.nanoTime() - startNanos) / 1_000_000,
                description));
        if (Attempt.FAILED.equals(outcome)) {
            failedAttempts.add(description);
            failovers++;
        }
    }

    /** A second candidate was started beside the first (a hedged request): {@code _ram.hedged}. */
    public void hedgeStarted() {
        this.hedged = true;
    }

    public boolean hedged() {
        return hedged;
    }

    /** Deadline, retries and waits of the failover loop. */
    public app.router4ai.routing.failover.FailoverState failover() {
        return failover;
    }

    /** A candidate was passed over without a call ({@link Attempt#SKIPPED_UNSUPPORTED}, {@link Attempt#SKIPPED_UNAVAILABLE}). */
    public void candidateSkipped(Deployment skipped, String outcome, String description) {
        failedAttempts.add(description);
        attempts.add(new Attempt(skipped.providerName(), skipped.model().id(), outcome, 0, description));
    }

    /** The candidates before the one that answered (failed or skipped), in order; empty when the first answered. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** How many candidates were called and failed before the one that answered. */
    public int failoverCount() {
        return failovers;
    }

    public Usage usage() {
        return usage;
    }

    public BigDecimal costCents() {
        return costCents;
    }

    public long latencyMs() {
        return latencyMs;
    }

    /** The model id the provider says answered (it may name a dated version of the requested one), cleaned ({@link ModelNames}). */
    public String answeringModel() {
        return answeringModel;
    }

    public void answeringModel(String model) {
        this.answeringModel = ModelNames.clean(model);
    }

    /**
     * Why the provider's token counts were not believed (e.g. {@code negative}, {@code over_max_tokens}), or null
     * when they were: the call is billed with the router's estimate and its ledger row says so.
     */
    public String usageRejected() {
        return usageRejected;
    }

    public void usageRejected(String reasons) {
        this.usageRejected = reasons;
    }

    /** The response-cache key of this request, or null when it must not be cached. */
    public String cacheKey() {
        return cacheKey;
    }

    public void cacheKey(String key) {
        this.cacheKey = key;
    }

    public boolean cacheHit() {
        return cacheHit;
    }

    /** The response-cache entry found for this request (an answer and who gave it), or null. */
    public ObjectNode cachedEntry() {
        return cachedEntry;
    }

    public void foundInCache(ObjectNode entry) {
        this.cachedEntry = entry;
    }

    /** Served from the response cache: no provider was called. */
    public void servedFromCache(Deployment deployment) {
        this.cacheHit = true;
        this.deployment = deployment;
    }

    /** Fixes what this call cost and how long it took; called once the usage is known. */
    public void settle(Usage usage, BigDecimal costCents) {
        this.usage = usage;
        this.costCents = costCents;
        this.latencyMs = elapsedMs();
    }
}
