package io.sockscope.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;

import io.netty.buffer.ByteBuf;
import io.sockscope.framing.BufferedInput;
import io.sockscope.mode.InterimResponses;

/**
 * The bytes a connection has received and not yet framed, as the input stream a
 * listener's {@link org.springframework.core.serializer.Deserializer} reads. The
 * deserializers are written for a blocking stream; here every byte received so far is
 * buffered and nothing blocks: a read past them throws {@link MoreBytesNeeded}, the
 * reader puts the bytes back as they were, and the deserializer runs again, from the
 * frame's start, once enough more have arrived. A read past them after the client has
 * ended its stream is an end of stream, as on a socket.
 */
final class FrameInput extends InputStream implements BufferedInput, InterimResponses {

	private final InterimResponses interim;

	private ByteBuf bytes;

	private boolean ended;

	/**
	 * How many buffered bytes, counted from the frame's start, the last attempt needed:
	 * no attempt before that many are buffered can get further.
	 */
	private long needed;

	/**
	 * Where a search for {@link #searchedFor} found nothing, from the frame's start: a
	 * retry searches only the bytes that arrived since.
	 */
	private int searchedTo;

	private int searchedFor = -1;

	private int frameStart;

	private boolean interimSent;

	FrameInput(ByteBuf bytes, InterimResponses interim) {
		this.bytes = bytes;
		this.interim = interim;
	}

	/**
	 * Start reading a frame at the next unread byte.
	 * @param buffered the connection's received bytes
	 */
	void startFrame(ByteBuf buffered) {
		this.bytes = buffered;
		this.frameStart = buffered.readerIndex();
	}

	/**
	 * Put back every byte the last attempt read, so the next reads the frame from its
	 * start again.
	 */
	void rewind() {
		this.bytes.readerIndex(this.frameStart);
	}

	/**
	 * Forget what attempts at the last frame learnt, once it has been read.
	 */
	void frameDone() {
		this.needed = 0;
		this.searchedTo = 0;
		this.searchedFor = -1;
		this.interimSent = false;
	}

	/**
	 * Whether another attempt could read a frame: enough bytes have arrived since the
	 * last one stopped short, the stream has ended, or more than any frame may take is
	 * buffered, which the deserializer then reports as too large.
	 * @param limit the most bytes one frame may take
	 * @return {@code true} if an attempt is worth making
	 */
	boolean worthReading(long limit) {
		long buffered = this.bytes.writerIndex() - this.frameStart;
		return buffered > 0 && (buffered >= this.needed || buffered > limit) || this.ended;
	}

	void end() {
		this.ended = true;
	}

	boolean ended() {
		return this.ended;
	}

	@Override
	public int read() throws IOException {
		if (this.bytes.isReadable()) {
			return this.bytes.readByte() & 0xff;
		}
		return endOrMore(1);
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int readable = this.bytes.readableBytes();
		if (readable == 0) {
			return endOrMore(length);
		}
		int count = Math.min(readable, length);
		this.bytes.readBytes(target, offset, count);
		return count;
	}

	private int endOrMore(int wanted) throws MoreBytesNeeded {
		if (this.ended) {
			return -1;
		}
		this.needed = (long) this.bytes.readerIndex() - this.frameStart + wanted;
		throw MoreBytesNeeded.INSTANCE;
	}

	@Override
	public int available() {
		return this.bytes.readableBytes();
	}

	@Override
	public int indexOfBuffered(byte value, int maxLength) {
		int start = this.bytes.readerIndex();
		int from = start;
		if (value == this.searchedFor && start == this.frameStart) {
			from = this.frameStart + this.searchedTo;
		}
		int end = start + Math.min(maxLength, this.bytes.readableBytes());
		int index = (from < end) ? this.bytes.indexOf(from, end, value) : -1;
		if (index < 0) {
			if (start == this.frameStart) {
				this.searchedFor = value;
				this.searchedTo = end - this.frameStart;
			}
			return -1;
		}
		return index - start;
	}

	@Override
	public byte peekBuffered(int index) {
		return this.bytes.getByte(this.bytes.readerIndex() + index);
	}

	@Override
	public byte[] takeBuffered(int length) {
		byte[] taken = new byte[length];
		this.bytes.readBytes(taken);
		return taken;
	}

	@Override
	public void skipBuffered(int length) {
		this.bytes.skipBytes(length);
	}

	@Override
	public void noFrameBuffered(int limit) throws IOException {
		if (!this.ended && this.bytes.readableBytes() < limit) {
			this.needed = (long) this.bytes.writerIndex() - this.frameStart + 1;
			throw MoreBytesNeeded.INSTANCE;
		}
	}

	/**
	 * Sends an interim response once per frame, however often the frame is read again.
	 */
	@Override
	public void sendInterim(byte[] response) throws IOException {
		if (!this.interimSent) {
			this.interimSent = true;
			this.interim.sendInterim(response);
		}
	}

	/**
	 * The frame being read goes on past the bytes received so far. Thrown once per short
	 * attempt, so one instance without a stack trace serves them all.
	 */
	static final class MoreBytesNeeded extends IOException {

		@Serial
		private static final long serialVersionUID = 1L;

		static final MoreBytesNeeded INSTANCE = new MoreBytesNeeded();

		private MoreBytesNeeded() {
			super("More bytes needed");
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
