package io.sockscope.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * One simulated client, driven by a {@link Worker}'s selector: opens its non-blocking
 * connection and hands readiness on to the subclass, which sends, verifies and counts.
 */
abstract class Slot {

	/**
	 * How long a client waits after a failure before it connects again, so that a server
	 * that refuses or breaks connections is not hammered.
	 */
	static final long RETRY_NANOS = 100_000_000L;

	/**
	 * Where a slot's connection is.
	 */
	enum State {

		/**
		 * No connection.
		 */
		CLOSED,

		/**
		 * Connect sent, not yet established.
		 */
		CONNECTING,

		/**
		 * Established.
		 */
		OPEN

	}

	private final Worker worker;

	private @Nullable SocketChannel channel;

	private @Nullable SelectionKey key;

	private State state = State.CLOSED;

	private long connectStart;

	private boolean holdsPermit;

	Slot(Worker worker) {
		this.worker = worker;
	}

	/**
	 * Start connecting, if the worker has a connect permit free.
	 * @param now the current {@link System#nanoTime()}
	 * @return {@code false} if no permit was free, so the slot must try again later
	 */
	final boolean open(long now) {
		if (!this.worker.acquireConnectPermit()) {
			return false;
		}
		this.holdsPermit = true;
		this.connectStart = now;
		this.state = State.CONNECTING;
		try {
			SocketChannel channel = SocketChannel.open();
			this.channel = channel;
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			this.key = channel.register(this.worker.selector(), 0, this);
			if (channel.connect(this.worker.plan().address())) {
				established(now);
			}
			else {
				this.key.interestOps(SelectionKey.OP_CONNECT);
			}
		}
		catch (IOException ex) {
			failed(now, ex);
		}
		return true;
	}

	/**
	 * Handle the readiness the selector reported.
	 * @param key the selected key
	 * @param now the current {@link System#nanoTime()}
	 */
	final void ready(SelectionKey key, long now) {
		try {
			if (key.isConnectable()) {
				if (channel().finishConnect()) {
					established(now);
				}
				return;
			}
			if (key.isReadable()) {
				readable(now);
			}
			if (key.isValid() && key.isWritable()) {
				writable(now);
			}
		}
		catch (IOException ex) {
			failed(now, ex);
		}
	}

	private void established(long now) throws IOException {
		releasePermit();
		this.state = State.OPEN;
		key().interestOps(SelectionKey.OP_READ);
		connected(now);
	}

	/**
	 * Read what has arrived into the worker's shared buffer.
	 * @return the buffer, flipped for reading, or {@code null} at the end of the stream
	 * @throws IOException if the read fails
	 */
	final @Nullable ByteBuffer read() throws IOException {
		ByteBuffer buffer = this.worker.readBuffer();
		buffer.clear();
		if (channel().read(buffer) < 0) {
			return null;
		}
		return buffer.flip();
	}

	/**
	 * Write as much of a buffer as the socket takes now, and ask for write readiness if
	 * some is left.
	 * @param buffer the bytes to write, ready for reading
	 * @throws IOException if the write fails
	 */
	final void write(ByteBuffer buffer) throws IOException {
		channel().write(buffer);
		int ops = buffer.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
		if (key().interestOps() != ops) {
			key().interestOps(ops);
		}
	}

	/**
	 * Half-close: tell the server that no more bytes follow.
	 * @throws IOException if the shutdown fails
	 */
	final void shutdownOutput() throws IOException {
		channel().shutdownOutput();
	}

	/**
	 * Close the connection, if any.
	 */
	final void close() {
		releasePermit();
		SocketChannel channel = this.channel;
		this.channel = null;
		this.key = null;
		this.state = State.CLOSED;
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing more to do with a channel that fails to close
			}
		}
	}

	private void releasePermit() {
		if (this.holdsPermit) {
			this.holdsPermit = false;
			this.worker.releaseConnectPermit();
		}
	}

	final State state() {
		return this.state;
	}

	final long connectStart() {
		return this.connectStart;
	}

	final Worker worker() {
		return this.worker;
	}

	private SocketChannel channel() {
		SocketChannel channel = this.channel;
		if (channel == null) {
			throw new IllegalStateException("Not connected");
		}
		return channel;
	}

	private SelectionKey key() {
		SelectionKey key = this.key;
		if (key == null) {
			throw new IllegalStateException("Not connected");
		}
		return key;
	}

	/**
	 * The connection is established.
	 * @param now the current {@link System#nanoTime()}
	 * @throws IOException if the first write fails
	 */
	abstract void connected(long now) throws IOException;

	/**
	 * The connection has bytes to read, or has ended.
	 * @param now the current {@link System#nanoTime()}
	 * @throws IOException if reading or the following write fails
	 */
	abstract void readable(long now) throws IOException;

	/**
	 * The connection takes more bytes.
	 * @param now the current {@link System#nanoTime()}
	 * @throws IOException if the write fails
	 */
	abstract void writable(long now) throws IOException;

	/**
	 * Connecting, reading or writing failed.
	 * @param now the current {@link System#nanoTime()}
	 * @param ex the failure
	 */
	abstract void failed(long now, IOException ex);

	/**
	 * Called every few milliseconds: connect when due, and time out what waits too long.
	 * @param now the current {@link System#nanoTime()}
	 */
	abstract void tick(long now);

	/**
	 * The measurement is over: start no new request.
	 * @param now the current {@link System#nanoTime()}
	 */
	abstract void drain(long now);

	/**
	 * Whether the slot has nothing in flight any more, once draining.
	 * @return whether it is finished
	 */
	abstract boolean finished();

	/**
	 * The wait for replies is over: count what is still in flight as missing and close.
	 * @param now the current {@link System#nanoTime()}
	 */
	abstract void expire(long now);

}
