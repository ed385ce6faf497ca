package io.sockscope.mode;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-framed upstream that echoes each line, and misbehaves on the lines that ask it
 * to: one platform thread per connection, plain blocking sockets. A line containing
 * <ul>
 * <li>{@code twice} gets two replies, the line and the line plus {@code " again"}, in one
 * write;</li>
 * <li>{@code slow} gets its reply after {@link #SLOW}, well within the relay's timeout,
 * and the lines after it wait their turn: a command that takes a while;</li>
 * <li>{@code late} gets its reply after {@code lateBy}, past the relay's timeout;</li>
 * <li>{@code notify} gets its reply, and {@link #SLOW} later a notice nobody asked
 * for;</li>
 * <li>{@code half} gets half a reply, no line feed, and then nothing;</li>
 * <li>{@code flood} gets more bytes than the relay accepts, without a line feed;</li>
 * <li>{@code reset} gets no reply: the connection is reset.</li>
 * </ul>
 * Every other line is echoed as it is, each line's reply in a write of its own.
 */
final class ScriptedUpstream implements Closeable {

	static final Duration SLOW = Duration.ofMillis(50);

	private final ServerSocket serverSocket;

	private final Duration lateBy;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "scripted-upstream-later");
		thread.setDaemon(true);
		return thread;
	});

	private ScriptedUpstream(Duration lateBy) throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.lateBy = lateBy;
		Thread acceptor = new Thread(this::accept, "scripted-upstream-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	static ScriptedUpstream start(Duration lateBy) throws IOException {
		return new ScriptedUpstream(lateBy);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * How many connections were accepted so far.
	 */
	int accepted() {
		return this.accepted.get();
	}

	/**
	 * How many connections are open now.
	 */
	int open() {
		return this.open.get();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				this.sockets.add(socket);
				this.accepted.incrementAndGet();
				this.open.incrementAndGet();
				Thread handler = new Thread(() -> serve(socket), "scripted-upstream-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			String line;
			while ((line = readLine(in)) != null) {
				if (!answer(socket, out, line)) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// the relay went away
		}
		finally {
			this.open.decrementAndGet();
		}
	}

	/**
	 * Answer one line as it asks.
	 * @return whether to go on reading the connection
	 */
	private boolean answer(Socket socket, OutputStream out, String line) throws IOException {
		if (line.contains("twice")) {
			write(out, line + "\n" + line + " again\n");
		}
		else if (line.contains("slow")) {
			// what the command takes to run, not a wait of the test's
			awaitQuietly(
					this.later.schedule(() -> writeQuietly(out, line + "\n"), SLOW.toMillis(), TimeUnit.MILLISECONDS));
		}
		else if (line.contains("notify")) {
			write(out, line + "\n");
			this.later.schedule(() -> writeQuietly(out, "notice for " + line + "\n"), SLOW.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		else if (line.contains("late")) {
			this.later.schedule(() -> writeQuietly(out, line + "\n"), this.lateBy.toMillis(), TimeUnit.MILLISECONDS);
		}
		else if (line.contains("half")) {
			write(out, line.substring(0, line.length() / 2));
		}
		else if (line.contains("flood")) {
			write(out, "x".repeat(64 * 1024));
		}
		else if (line.contains("reset")) {
			socket.setSoLinger(true, 0);
			return false;
		}
		else {
			write(out, line + "\n");
		}
		return true;
	}

	private static void awaitQuietly(Future<?> reply) {
		try {
			reply.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// the write failed: the connection is gone, the next read says so
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int next;
		while ((next = in.read()) != '\n') {
			if (next < 0) {
				return null;
			}
			line.write(next);
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	private static void write(OutputStream out, String text) throws IOException {
		synchronized (out) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
	}

	private static void writeQuietly(OutputStream out, String text) {
		try {
			write(out, text);
		}
		catch (IOException ex) {
			// the relay closed the connection after its timeout, as it should
		}
	}

	@Override
	public void close() throws IOException {
		this.later.shutdownNow();
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
