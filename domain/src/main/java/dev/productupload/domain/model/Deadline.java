package dev.productupload.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The moment by which a request must have its answer. The entrypoint opens one per request; the use case
 * narrows it to keep a reserve for compensation, and the adapters bound every call to a backend by what is left.
 * It is bound to the thread that runs the request, as every call of one request is made on that thread.
 */
public final class Deadline {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long expiresAtNanos;

    private Deadline(long expiresAtNanos) {
        this.expiresAtNanos = expiresAtNanos;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /** The deadline of the request this thread runs, or one {@code fallback} from now when none is open. */
    public static Deadline currentOr(Duration fallback) {
        Deadline current = CURRENT.get();
        return current != null ? current : after(fallback);
    }

    /** What is left; zero or negative once the deadline has passed. */
    public Duration remaining() {
        return Duration.ofNanos(expiresAtNanos - System.nanoTime());
    }

    public boolean hasPassed() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }

    /** The same deadline, {@code reserve} earlier: what a step may use when something must still run after it. */
    public Deadline reserving(Duration reserve) {
        return new Deadline(expiresAtNanos - reserve.toNanos());
    }

    /** Runs {@code work} with this as the current deadline, restoring the previous one afterwards. */
    public <T> T bind(Supplier<T> work) {
        Deadline previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Runs {@code work} with this as the current deadline, restoring the previous one afterwards. */
    public void bind(Runnable work) {
        bind(() -> {
            work.run();
            return null;
        });
    }
}
