package io.sockscope.listener;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The event-loop threads that serve every listener's connections: one per core, on
 * Linux's native epoll where it loads, else on Java's NIO. Started when the first
 * listener needs them, so the command-line tools never start any.
 */
public class EventLoops implements DisposableBean {

	private static final long QUIET_PERIOD_MILLIS = 0;

	private static final long SHUTDOWN_TIMEOUT_MILLIS = 1000;

	private final boolean epoll = Epoll.isAvailable();

	private @Nullable EventLoopGroup group;

	/**
	 * The event loops, started on first use.
	 * @return the group
	 */
	synchronized EventLoopGroup group() {
		EventLoopGroup started = this.group;
		if (started == null) {
			IoHandlerFactory handlers = this.epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
			started = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
					// not daemons: listeners alone keep the process serving, with or
					// without a web server
					new DefaultThreadFactory("sockscope-io", false), handlers);
			this.group = started;
		}
		return started;
	}

	/**
	 * The server channel type that goes with the event loops.
	 * @return the channel class
	 */
	Class<? extends ServerChannel> serverChannelType() {
		return this.epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

	@Override
	public synchronized void destroy() {
		EventLoopGroup started = this.group;
		this.group = null;
		if (started != null) {
			started.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
				.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS * 2);
		}
	}

}
