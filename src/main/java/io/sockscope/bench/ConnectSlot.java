package io.sockscope.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.sockscope.framing.FrameCodec;

/**
 * A client that opens a new connection for every request: connect, send one frame, read
 * the reply and close, then start over. With a framing that ends at the end of the stream
 * ({@code raw}) it half-closes after sending and reads until the server closes; the reply
 * must be exactly the frame sent. The latency runs from connect to the reply's end.
 */
final class ConnectSlot extends Slot {

	private final FramePattern pattern;

	private final byte[] frame;

	private final ByteBuffer out;

	private final boolean toEndOfStream;

	private final long timeoutNanos;

	private long sequence;

	private int receivedOffset;

	private boolean busy;

	private boolean draining;

	private long retryAt;

	ConnectSlot(Worker worker, int client) {
		super(worker);
		BenchPlan plan = worker.plan();
		FrameCodec codec = plan.codec();
		this.pattern = new FramePattern(codec, plan.payloadSize(), client);
		this.frame = this.pattern.newFrame();
		this.out = ByteBuffer.wrap(this.frame);
		this.toEndOfStream = codec.endsAtEndOfStream();
		this.timeoutNanos = plan.timeout().toNanos();
	}

	@Override
	void tick(long now) {
		if (!this.busy) {
			if (!this.draining && now - this.retryAt >= 0) {
				begin(now);
			}
		}
		else if (now - connectStart() > this.timeoutNanos) {
			worker().tally().error((state() == State.CONNECTING) ? ErrorKind.CONNECT : ErrorKind.MISSING, 1);
			end(now, true);
		}
	}

	private void begin(long now) {
		this.pattern.stamp(this.frame, this.sequence);
		this.out.clear();
		this.receivedOffset = 0;
		this.busy = true;
		if (!open(now)) {
			// no connect permit free: try again at the next tick
			this.busy = false;
		}
	}

	@Override
	void connected(long now) throws IOException {
		worker().tally().connected();
		writable(now);
	}

	@Override
	void writable(long now) throws IOException {
		if (!this.out.hasRemaining()) {
			return;
		}
		write(this.out);
		if (!this.out.hasRemaining() && this.toEndOfStream) {
			shutdownOutput();
		}
	}

	@Override
	void readable(long now) throws IOException {
		ByteBuffer in = read();
		if (in == null) {
			if (this.toEndOfStream && this.receivedOffset == this.frame.length) {
				replied(now);
			}
			else {
				worker().tally().error(ErrorKind.MISSING, 1);
				end(now, true);
			}
			return;
		}
		int count = in.remaining();
		int from = in.arrayOffset() + in.position();
		if (this.receivedOffset + count > this.frame.length || Arrays.mismatch(in.array(), from, from + count,
				this.frame, this.receivedOffset, this.receivedOffset + count) >= 0) {
			worker().tally().error(ErrorKind.MISMATCH, 1);
			end(now, true);
			return;
		}
		this.receivedOffset += count;
		if (!this.toEndOfStream && this.receivedOffset == this.frame.length) {
			replied(now);
		}
	}

	private void replied(long now) {
		if (worker().clock().measuring(now)) {
			worker().tally().reply(connectStart(), now, this.frame.length);
		}
		this.sequence++;
		end(now, false);
	}

	@Override
	void failed(long now, IOException ex) {
		worker().tally().error((state() == State.CONNECTING) ? ErrorKind.CONNECT : ErrorKind.MISSING, 1);
		end(now, true);
	}

	private void end(long now, boolean failed) {
		close();
		this.busy = false;
		if (failed) {
			this.retryAt = now + RETRY_NANOS;
		}
		else if (!this.draining) {
			begin(now);
		}
	}

	@Override
	void drain(long now) {
		this.draining = true;
	}

	@Override
	boolean finished() {
		return !this.busy;
	}

	@Override
	void expire(long now) {
		if (this.busy) {
			worker().tally().error(ErrorKind.MISSING, 1);
		}
		close();
		this.busy = false;
	}

}
