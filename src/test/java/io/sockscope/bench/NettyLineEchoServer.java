package io.sockscope.bench;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * The plain Netty server that {@code bench/compare} measures sockscope against: NIO
 * transport, default event loops, and two ports. The line port frames with
 * {@link LineBasedFrameDecoder}, keeps the delimiter and writes each frame back, so the
 * reply ends with the terminator the client sent; it flushes once per read, as Netty's
 * own echo example does. The raw port reads until the client half-closes, writes
 * everything back and closes, like sockscope's {@code raw} framing.
 * <p>
 * Run: {@code java -cp ... io.sockscope.bench.NettyLineEchoServer [linePort] [rawPort]}
 * (0 picks a free port). It prints {@code netty line=<port> raw=<port>} and serves until
 * killed.
 */
public final class NettyLineEchoServer implements AutoCloseable {

	private static final int MAX_LINE = 64 * 1024;

	private static final int MAX_RAW = 1024 * 1024;

	private static final int BACKLOG = 1024;

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

	private final Channel line;

	private final Channel raw;

	/**
	 * Start both ports on the loopback address.
	 * @param linePort the line port, 0 for a free one
	 * @param rawPort the raw port, 0 for a free one
	 * @throws InterruptedException if interrupted while binding
	 */
	public NettyLineEchoServer(int linePort, int rawPort) throws InterruptedException {
		this.line = bind(linePort, new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE, false, true), new EchoHandler());
			}

		});
		this.raw = bind(rawPort, new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline().addLast(new ReadToEndHandler());
			}

		});
	}

	private Channel bind(int port, ChannelHandler initializer) throws InterruptedException {
		return new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, BACKLOG)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			.childHandler(initializer)
			.bind(new InetSocketAddress("127.0.0.1", port))
			.sync()
			.channel();
	}

	public int linePort() {
		return ((InetSocketAddress) this.line.localAddress()).getPort();
	}

	public int rawPort() {
		return ((InetSocketAddress) this.raw.localAddress()).getPort();
	}

	@Override
	public void close() {
		this.line.close().syncUninterruptibly();
		this.raw.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
	}

	public static void main(String[] args) throws InterruptedException {
		int linePort = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		int rawPort = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
		NettyLineEchoServer server = new NettyLineEchoServer(linePort, rawPort);
		System.out.println("netty line=" + server.linePort() + " raw=" + server.rawPort());
		System.out.flush();
		server.line.closeFuture().sync();
	}

	/**
	 * Writes every frame back, flushing once per read.
	 */
	private static final class EchoHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ctx.write(msg);
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

	/**
	 * Collects everything until the client half-closes, then writes it back and closes.
	 */
	private static final class ReadToEndHandler extends ChannelInboundHandlerAdapter {

		private CompositeByteBuf received;

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			this.received = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf bytes = (ByteBuf) msg;
			if (this.received.readableBytes() + bytes.readableBytes() > MAX_RAW) {
				bytes.release();
				ctx.close();
				return;
			}
			this.received.addComponent(true, bytes);
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event instanceof ChannelInputShutdownEvent) {
				ByteBuf reply = this.received;
				this.received = ctx.alloc().compositeBuffer();
				ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
			}
			else {
				ctx.fireUserEventTriggered(event);
			}
		}

		@Override
		public void handlerRemoved(ChannelHandlerContext ctx) {
			this.received.release();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
