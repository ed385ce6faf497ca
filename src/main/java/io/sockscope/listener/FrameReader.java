package io.sockscope.listener;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ErrorKind;
import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameDecodeException;
import io.sockscope.framing.FrameTooLargeException;
import io.sockscope.framing.Received;
import io.sockscope.listener.FrameInput.MoreBytesNeeded;
import io.sockscope.mode.HttpRequestException;
import io.sockscope.mode.Reply;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Turns the bytes a connection receives into frames, with the listener's deserializer,
 * and hands each to its {@link ChannelConnection}, one at a time and in order. It paces
 * the connection: while a frame is with a worker (a mode that blocks, such as relay), or
 * the client is not reading its replies (the channel is not writable), it stops reading
 * from the socket, so a connection holds at most one read's bytes and the replies waiting
 * to be written. It also ends the connection for every reason one ends: the client's end
 * of stream, a frame that cannot be read, an idle or stalled connection, a listener
 * shutting down. ({@link ConnectionTimeouts} closes idle and stalled ones.)
 */
final class FrameReader extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(FrameReader.class);

	/**
	 * After an error frame, how long and how much of the client's input to discard before
	 * closing, so that the close is a FIN the client can read the error before, not a
	 * reset that destroys it.
	 */
	private static final long DISCARD_MILLIS = 250;

	private static final long DISCARD_BYTES = 256 * 1024;

	private final ChannelConnection connection;

	private final Deserializer<?> deserializer;

	private final long frameLimit;

	private final @Nullable Executor worker;

	private final FrameInput input;

	private @Nullable ByteBuf received;

	private boolean draining;

	/**
	 * Bytes discarded since an error frame; -1 while frames are read.
	 */
	private long discarded = -1;

	/**
	 * @param connection the connection to hand frames to
	 * @param deserializer the listener's deserializer
	 * @param frameLimit the most bytes one frame may take on the wire
	 * @param worker where frames of a mode that blocks are handled, or {@code null} to
	 * handle each on the event loop
	 */
	FrameReader(ChannelConnection connection, Deserializer<?> deserializer, long frameLimit,
			@Nullable Executor worker) {
		this.connection = connection;
		this.deserializer = deserializer;
		this.frameLimit = frameLimit;
		this.worker = worker;
		this.input = new FrameInput(Unpooled.EMPTY_BUFFER, connection);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf bytes = (ByteBuf) msg;
		int count = bytes.readableBytes();
		this.connection.bytesReceived(count, System.nanoTime());
		if (this.discarded >= 0) {
			bytes.release();
			this.discarded += count;
			if (this.discarded > DISCARD_BYTES) {
				this.connection.closeFor(CloseReason.CLIENT);
			}
			return;
		}
		ByteBuf buffered = this.received;
		this.received = (buffered == null) ? bytes
				: ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, bytes);
		readFrames(ctx);
	}

	/**
	 * Read and handle every whole frame received, as long as the connection may go on.
	 */
	private void readFrames(ChannelHandlerContext ctx) {
		while (!this.connection.isBusy() && this.discarded < 0 && ctx.channel().isActive()) {
			if (!ctx.channel().isWritable()) {
				// the client is not reading its replies: read no more of its frames until
				// it does
				break;
			}
			ByteBuf buffered = this.received;
			if (buffered == null || !buffered.isReadable()) {
				if (this.input.ended() || this.draining) {
					finishWithoutFrame(ctx);
				}
				break;
			}
			this.input.startFrame(buffered);
			if (!this.input.worthReading(this.frameLimit)) {
				if (this.draining) {
					finishWithoutFrame(ctx);
				}
				break;
			}
			Received frame;
			try {
				frame = (Received) this.deserializer.deserialize(this.input);
			}
			catch (MoreBytesNeeded ex) {
				this.input.rewind();
				if (this.draining) {
					finishWithoutFrame(ctx);
				}
				break;
			}
			catch (IOException ex) {
				notFramed(ctx, ex);
				break;
			}
			catch (UncheckedIOException ex) {
				notFramed(ctx, ex.getCause());
				break;
			}
			this.input.frameDone();
			handle(ctx, frame);
		}
		this.connection.flush();
		releaseIfRead();
		boolean readOn = !this.connection.isBusy() && !this.draining && this.discarded < 0
				&& ctx.channel().isWritable();
		// set only when it changes: every set is an atomic exchange, after every read
		if (ctx.channel().config().isAutoRead() != readOn) {
			ctx.channel().config().setAutoRead(readOn);
		}
	}

	private void handle(ChannelHandlerContext ctx, Received frame) {
		Executor worker = this.worker;
		if (worker == null) {
			handleOrReject(frame);
			return;
		}
		this.connection.busy(true);
		worker.execute(() -> {
			handleOrReject(frame);
			ctx.executor().execute(() -> {
				this.connection.busy(false);
				if (ctx.channel().isActive()) {
					readFrames(ctx);
				}
				else {
					this.connection.ended();
				}
			});
		});
	}

	private void handleOrReject(Received frame) {
		try {
			this.connection.handle(frame);
		}
		catch (RuntimeException ex) {
			// a mode failed on a frame it was given: a fault of the server, not the
			// client
			logger.error("Listener '" + this.connection.label().listener() + "' failed to handle a frame", ex);
			reject(ErrorKind.DECODE, "frame could not be handled", errorFrame("frame could not be handled"));
		}
	}

	/**
	 * The client's stream has ended between frames, or the listener is shutting down with
	 * no whole frame left: close once the replies are out.
	 */
	private void finishWithoutFrame(ChannelHandlerContext ctx) {
		this.connection.closeAfterWrites(this.draining ? CloseReason.SHUTDOWN : CloseReason.CLIENT);
		this.draining = false;
		this.discarded = 0;
	}

	/**
	 * The deserializer could not read a frame from what was received.
	 */
	private void notFramed(ChannelHandlerContext ctx, @Nullable Throwable cause) {
		if (cause instanceof HttpRequestException invalid) {
			reject(invalid.getKind(), invalid.getMessage(), new Reply.Verbatim(invalid.response(), CloseReason.ERROR));
		}
		else if (cause instanceof FrameTooLargeException tooLarge) {
			reject(ErrorKind.OVERSIZE, tooLarge.getMessage(), errorFrame(tooLarge.getMessage()));
		}
		else if (cause instanceof FrameDecodeException invalid) {
			reject(ErrorKind.DECODE, invalid.getMessage(), errorFrame(invalid.getMessage()));
		}
		else if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException) {
			// the stream ended, between frames or inside one: the client's close either
			// way
			finishWithoutFrame(ctx);
		}
		else {
			this.connection.closeFor(CloseReason.ERROR);
		}
	}

	private static Reply errorFrame(@Nullable String detail) {
		return Reply.of(Frame.of("error: " + detail));
	}

	/**
	 * Answer what cannot be handled with one error reply, count it, and close: first the
	 * output, so that the client reads the reply before a FIN, then, once the client has
	 * ended its stream or had a moment to, the connection.
	 */
	private void reject(ErrorKind kind, @Nullable String detail, Reply answer) {
		refuse(kind, detail, answer, CloseReason.ERROR);
	}

	private void refuse(ErrorKind kind, @Nullable String detail, Reply answer, CloseReason reason) {
		this.connection.observer().error(this.connection.label(), kind, (detail != null) ? detail : kind.tagValue());
		this.connection.markClosing(reason);
		this.discarded = 0;
		this.connection.sendNow(answer);
		this.connection.shutdownOutputAfterWrites();
		this.connection.channel()
			.eventLoop()
			.schedule(() -> this.connection.closeFor(reason), DISCARD_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop reading, answer the frames already received, then close.
	 * @param ctx this handler's context
	 */
	void drain(ChannelHandlerContext ctx) {
		this.draining = true;
		if (!this.connection.isBusy()) {
			readFrames(ctx);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof ChannelInputShutdownEvent) {
			this.input.end();
			if (this.discarded >= 0) {
				this.connection.closeFor(CloseReason.CLIENT);
			}
			else if (!this.connection.isBusy()) {
				readFrames(ctx);
			}
		}
		else if (event instanceof DrainEvent) {
			drain(ctx);
		}
		else {
			ctx.fireUserEventTriggered(event);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (ctx.channel().isWritable()) {
			readFrames(ctx);
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.connection.opened();
		int limit = this.connection.overLimit();
		if (limit > 0) {
			String detail = "listener already has max-connections=" + limit + " open";
			refuse(ErrorKind.LIMIT, detail, errorFrame(detail), CloseReason.LIMIT);
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		releaseAll();
		this.connection.discardUnflushed();
		this.connection.closed();
		if (!this.connection.isBusy()) {
			// else once the worker is done with its frame
			this.connection.ended();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// a reset, a broken pipe or a write to a connection already closed: the client's
		// end
		this.connection.closeFor(CloseReason.CLIENT);
	}

	private void releaseIfRead() {
		ByteBuf buffered = this.received;
		if (buffered != null) {
			if (!buffered.isReadable()) {
				buffered.release();
				this.received = null;
				this.input.startFrame(Unpooled.EMPTY_BUFFER);
			}
			else {
				buffered.discardSomeReadBytes();
			}
		}
	}

	private void releaseAll() {
		ByteBuf buffered = this.received;
		this.received = null;
		if (buffered != null) {
			buffered.release();
		}
	}

	/**
	 * Tells a connection's reader that the listener is shutting down.
	 */
	static final class DrainEvent {

		static final DrainEvent INSTANCE = new DrainEvent();

		private DrainEvent() {
		}

	}

}
