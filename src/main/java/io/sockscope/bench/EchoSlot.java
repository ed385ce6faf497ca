package io.sockscope.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A client on one long-lived connection that keeps {@code pipeline} requests in flight
 * and checks every reply byte against the request it answers; with {@code hold}, it sends
 * nothing until the end and then one request, to prove the connection still works. A
 * broken connection counts its lost replies and is opened again after a pause.
 */
final class EchoSlot extends Slot {

	private final FramePattern pattern;

	private final int frameLength;

	private final int pipeline;

	private final boolean hold;

	private final long timeoutNanos;

	private final long[] sendTimes;

	private final ByteBuffer out;

	private final byte[] expected;

	private long sent;

	private long received;

	private int receivedOffset;

	private boolean draining;

	private boolean finalRequestSent;

	private long retryAt;

	EchoSlot(Worker worker, int client) {
		super(worker);
		BenchPlan plan = worker.plan();
		this.pattern = new FramePattern(plan.codec(), plan.payloadSize(), client);
		this.frameLength = this.pattern.frameLength();
		this.hold = plan.mode() == BenchMode.HOLD;
		this.pipeline = this.hold ? 1 : plan.pipeline();
		this.timeoutNanos = plan.timeout().toNanos();
		this.sendTimes = new long[this.pipeline];
		this.out = ByteBuffer.allocate(this.frameLength * this.pipeline);
		this.expected = this.pattern.newFrame();
	}

	@Override
	void tick(long now) {
		switch (state()) {
			case CLOSED -> {
				if (!this.draining && now - this.retryAt >= 0) {
					open(now);
				}
			}
			case CONNECTING -> {
				if (now - connectStart() > this.timeoutNanos) {
					worker().tally().error(ErrorKind.CONNECT, 1);
					closeForRetry(now);
				}
			}
			case OPEN -> {
				if (this.sent != this.received && now - this.sendTimes[slot(this.received)] > this.timeoutNanos) {
					abandon(now, ErrorKind.MISSING);
				}
			}
		}
	}

	@Override
	void connected(long now) throws IOException {
		worker().tally().connected();
		if (this.hold) {
			worker().tally().latency(connectStart(), now);
			worker().progress().opened();
		}
		this.receivedOffset = 0;
		this.out.clear();
		send(now);
	}

	private void send(long now) throws IOException {
		boolean wrote = false;
		while (mayRequest() && this.sent - this.received < this.pipeline && this.out.remaining() >= this.frameLength) {
			this.pattern.writeTo(this.out, this.sent);
			this.sendTimes[slot(this.sent)] = now;
			this.sent++;
			this.finalRequestSent = this.draining;
			wrote = true;
		}
		if (wrote) {
			flush();
		}
	}

	private boolean mayRequest() {
		return this.hold ? this.draining && !this.finalRequestSent : !this.draining;
	}

	private void flush() throws IOException {
		this.out.flip();
		write(this.out);
		this.out.compact();
	}

	@Override
	void writable(long now) throws IOException {
		flush();
	}

	@Override
	void readable(long now) throws IOException {
		ByteBuffer in = read();
		if (in == null) {
			lost(now);
			return;
		}
		while (in.hasRemaining()) {
			if (this.received == this.sent) {
				abandon(now, ErrorKind.MISMATCH);
				return;
			}
			if (this.receivedOffset == 0) {
				this.pattern.stamp(this.expected, this.received);
			}
			int count = Math.min(in.remaining(), this.frameLength - this.receivedOffset);
			int from = in.arrayOffset() + in.position();
			if (Arrays.mismatch(in.array(), from, from + count, this.expected, this.receivedOffset,
					this.receivedOffset + count) >= 0) {
				abandon(now, ErrorKind.MISMATCH);
				return;
			}
			in.position(in.position() + count);
			this.receivedOffset += count;
			if (this.receivedOffset == this.frameLength) {
				replied(now);
			}
		}
		send(now);
	}

	private void replied(long now) {
		Tally tally = worker().tally();
		if (this.hold) {
			tally.verified();
		}
		else if (worker().clock().measuring(now)) {
			tally.reply(this.sendTimes[slot(this.received)], now, this.frameLength);
		}
		this.received++;
		this.receivedOffset = 0;
	}

	@Override
	void failed(long now, IOException ex) {
		if (state() == State.CONNECTING) {
			worker().tally().error(ErrorKind.CONNECT, 1);
			closeForRetry(now);
		}
		else {
			lost(now);
		}
	}

	private void lost(long now) {
		if (this.sent != this.received) {
			abandon(now, ErrorKind.MISSING);
			return;
		}
		if (!this.draining) {
			worker().tally().error(ErrorKind.CLOSED, 1);
		}
		closeForRetry(now);
	}

	private void abandon(long now, ErrorKind kind) {
		long outstanding = this.sent - this.received;
		Tally tally = worker().tally();
		if (kind == ErrorKind.MISMATCH) {
			tally.error(ErrorKind.MISMATCH, 1);
			tally.error(ErrorKind.MISSING, Math.max(0, outstanding - 1));
		}
		else {
			tally.error(kind, outstanding);
		}
		this.received = this.sent;
		closeForRetry(now);
	}

	private void closeForRetry(long now) {
		if (this.hold && state() == State.OPEN) {
			worker().progress().closed();
		}
		close();
		this.retryAt = now + RETRY_NANOS;
	}

	@Override
	void drain(long now) {
		this.draining = true;
		if (state() == State.CONNECTING) {
			if (this.hold) {
				worker().tally().error(ErrorKind.CONNECT, 1);
			}
			close();
		}
		else if (state() == State.OPEN) {
			try {
				send(now);
			}
			catch (IOException ex) {
				failed(now, ex);
			}
		}
	}

	@Override
	boolean finished() {
		return state() == State.CLOSED || (this.sent == this.received && (!this.hold || this.finalRequestSent));
	}

	@Override
	void expire(long now) {
		if (state() == State.OPEN && this.sent != this.received) {
			worker().tally().error(ErrorKind.MISSING, this.sent - this.received);
		}
		close();
	}

	private int slot(long sequence) {
		return (int) (sequence % this.pipeline);
	}

}
