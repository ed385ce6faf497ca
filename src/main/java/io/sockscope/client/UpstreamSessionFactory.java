package io.sockscope.client;

import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameCodec;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.messaging.MessageChannel;

/**
 * Creates the {@link UpstreamSession sessions} of one upstream, and owns what they share:
 * the codec, and the threads that read their connections, one per open connection
 * (virtual threads on Java 21 and later). Sessions are plain objects, not beans: a relay
 * may open one for each client connection.
 */
public final class UpstreamSessionFactory implements AutoCloseable {

	private static final int FIRST_VIRTUAL_THREADS_RELEASE = 21;

	private final Upstream upstream;

	private final FrameCodec codec;

	private final SimpleAsyncTaskExecutor readers;

	private final Shared shared;

	/**
	 * Create a factory.
	 * @param name a name for the reading threads, such as the relay's listener
	 * @param upstream the upstream
	 * @param strays where what the upstream sends unasked goes
	 * @param beanFactory the application's bean factory, which Spring Integration's
	 * components look their settings up in
	 */
	public UpstreamSessionFactory(String name, Upstream upstream, UpstreamStrays strays, BeanFactory beanFactory) {
		this.upstream = upstream;
		this.codec = upstream.framing().newCodec(upstream.maxFrameSize());
		this.readers = new SimpleAsyncTaskExecutor("sockscope-" + name + "-upstream-");
		this.readers.setDaemon(true);
		if (Runtime.version().feature() >= FIRST_VIRTUAL_THREADS_RELEASE) {
			this.readers.setVirtualThreads(true);
		}
		// the gateway's remote timeout is a function, not SpEL: no evaluation needs more
		EvaluationContext evaluation = SimpleEvaluationContext.forReadOnlyDataBinding().build();
		// a reply that comes after the gateway gave up on it, a moment before the
		// connection closed: unsolicited like any other
		MessageChannel unsolicited = (message, timeout) -> {
			if (message.getPayload() instanceof Frame frame) {
				strays.unsolicitedFrame(frame);
			}
			return true;
		};
		// the relay logs and counts what matters on its upstream connections itself
		ApplicationEventPublisher noEvents = (event) -> {
		};
		this.shared = new Shared(this.readers, strays, noEvents, evaluation, unsolicited, beanFactory);
	}

	/**
	 * Create a session; it connects when its first exchange needs a connection.
	 * @return the session
	 */
	public UpstreamSession newSession() {
		return new UpstreamSession(this.upstream, this.codec, this.shared);
	}

	/**
	 * The upstream the sessions talk to.
	 * @return the upstream
	 */
	public Upstream upstream() {
		return this.upstream;
	}

	/**
	 * Stop creating reading threads; close every session first.
	 */
	@Override
	public void close() {
		this.readers.close();
	}

	/**
	 * What every session of one upstream shares.
	 */
	record Shared(SimpleAsyncTaskExecutor readers, UpstreamStrays strays, ApplicationEventPublisher events,
			EvaluationContext evaluationContext, MessageChannel unsolicited, BeanFactory beanFactory) {

	}

}
