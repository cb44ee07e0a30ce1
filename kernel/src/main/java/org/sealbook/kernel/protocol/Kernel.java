package org.sealbook.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.UUID;
import org.sealbook.kernel.Log;
import org.sealbook.kernel.comm.CommManager;
import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.display.RendererRegistry;
import org.sealbook.kernel.eval.Evaluator;
import org.sealbook.kernel.history.History;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.kernel.output.Iopub;
import org.sealbook.kernel.output.StreamRouter;
import org.sealbook.kernel.wire.ConnectionInfo;
import org.sealbook.kernel.wire.Heartbeat;
import org.sealbook.kernel.wire.IopubPublisher;
import org.sealbook.kernel.wire.Message;
import org.sealbook.kernel.wire.RouterChannel;
import org.sealbook.kernel.wire.Signer;
import org.sealbook.kernel.wire.WireCodec;
import org.zeromq.ZContext;

/**
 * The running kernel: binds the five sockets, builds the handler tables, then serves shell on the calling thread
 * and control on its own, so interrupt and shutdown get through while a cell runs.
 */
public final class Kernel {
    /** Larger messages are dropped before parsing; override with SEALBOOK_MAX_MESSAGE_BYTES. */
    static final long DEFAULT_MAX_MESSAGE_BYTES = 256L * 1024 * 1024;

    private final ZContext context = new ZContext(1);
    private final RouterChannel shell;
    private final RouterChannel control;
    private final Iopub iopub;
    private final ExecuteHandler execute;
    private final Evaluator evaluator;
    private final Dispatcher shellHandlers;
    private final Dispatcher controlHandlers;

    public Kernel(ConnectionInfo info) {
        evaluator = new Evaluator(); // builds JShell in the background, first, so binding the sockets overlaps it
        WireCodec codec = new WireCodec(new Signer(info.key()), maxMessageBytes());
        iopub = new Iopub(new IopubPublisher(context, info.endpoint(info.iopubPort()), codec), UUID.randomUUID().toString());
        shell = new RouterChannel(context, "shell", info.endpoint(info.shellPort()), codec);
        control = new RouterChannel(context, "control", info.endpoint(info.controlPort()), codec);
        RouterChannel stdinChannel = new RouterChannel(context, "stdin", info.endpoint(info.stdinPort()), codec);
        Heartbeat.start(context, info.endpoint(info.hbPort()));

        StreamRouter streams = StreamRouter.install(iopub);
        Stdin stdin = new Stdin(stdinChannel, streams);
        System.setIn(stdin);
        RendererRegistry renderers = RendererRegistry.withDefaults();
        Display.connect(iopub, renderers);
        CommManager comms = new CommManager(iopub);
        MagicRegistry magics = MagicRegistry.withProviders();
        History history = new History(History.defaultFile());

        execute = new ExecuteHandler(evaluator, magics, history, iopub, streams, this::abortQueuedExecutes);
        EditorHandlers editor = new EditorHandlers(evaluator.analysis(), magics);
        CommHandlers commHandlers = new CommHandlers(comms);
        LifecycleHandlers lifecycle = new LifecycleHandlers(evaluator, magics, stdin, iopub, this::exit);
        shellHandlers = new Dispatcher(iopub)
                .on("kernel_info_request", lifecycle::kernelInfo)
                .on("execute_request", execute)
                .on("complete_request", editor::complete)
                .on("inspect_request", editor::inspect)
                .on("is_complete_request", editor::isComplete)
                .on("history_request", new HistoryHandler(history))
                .on("comm_info_request", commHandlers::info)
                .on("comm_open", commHandlers::open)
                .on("comm_msg", commHandlers::message)
                .on("comm_close", commHandlers::close)
                .on("shutdown_request", lifecycle::shutdown);
        controlHandlers = shellHandlers.extend()
                .on("interrupt_request", lifecycle::interrupt);
    }

    /**
     * Runs what a first session runs, without a client, through the same handlers a client reaches: kernel_info,
     * editor requests, then each cell as an execute_request (magics included), so a start-up archive trained on
     * this holds what a learner's first cells load. Replies go nowhere; a failing cell is answered and logged as
     * in a session, and the next one runs.
     */
    public void warmUp(List<String> cells) {
        String session = "warm-up";
        request(session, "kernel_info_request", new JsonObject());
        request(session, "complete_request", completion("System.out.pri"));
        request(session, "is_complete_request", code("for (int i = 0; i < 3; i++) {"));
        for (String cell : cells) {
            JsonObject content = code(cell);
            content.addProperty("silent", false);
            content.addProperty("store_history", true);
            content.addProperty("allow_stdin", false);
            content.addProperty("stop_on_error", false);
            request(session, "execute_request", content);
        }
        request(session, "complete_request", completion("Math.ma"));
        request(session, "complete_request", completion("%data_"));
        JsonObject inspect = completion("Math.max(");
        inspect.addProperty("detail_level", 0);
        request(session, "inspect_request", inspect);
    }

    private void request(String session, String type, JsonObject content) {
        shellHandlers.dispatch(Message.broadcast(type, null, session, content), shell);
    }

    private static JsonObject code(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return content;
    }

    private static JsonObject completion(String code) {
        JsonObject content = code(code);
        content.addProperty("cursor_pos", code.length());
        return content;
    }

    private static long maxMessageBytes() {
        String configured = System.getenv("SEALBOOK_MAX_MESSAGE_BYTES");
        return configured == null || configured.isBlank() ? DEFAULT_MAX_MESSAGE_BYTES : Long.parseLong(configured.strip());
    }

    /** Serves until shutdown; does not return normally. */
    public void run() {
        iopub.status(null, "starting");
        Thread controlThread = new Thread(() -> serve(control, controlHandlers), "sealbook-control");
        controlThread.setDaemon(true);
        controlThread.start();
        Log.info("Kernel ready.");
        while (true) {
            Message m = shell.receive();
            shellHandlers.dispatch(m, shell);
        }
    }

    private static void serve(RouterChannel channel, Dispatcher handlers) {
        while (true) {
            handlers.dispatch(channel.receive(), channel);
        }
    }

    /**
     * After a failed cell with stop_on_error, before it goes idle: the executes already queued are answered
     * 'aborted' and other queued requests run; what arrives after the failed cell's idle runs normally.
     */
    private void abortQueuedExecutes(RouterChannel channel) {
        Dispatcher aborting = shellHandlers.extend().on("execute_request", execute::abort);
        for (Message m = channel.receiveNow(); m != null; m = channel.receiveNow()) {
            aborting.dispatch(m, channel);
        }
    }

    /** How long the last replies get to leave before the process halts. */
    private static final long REPLY_FLUSH_MILLIS = 250;

    private void exit() {
        Thread t = new Thread(() -> {
            iopub.drain(300);
            // drain() only hands the last messages to ZeroMQ; its I/O thread still has to write them, the
            // shutdown_reply included, and on a busy machine halting at once lost that reply (seen in CI).
            // Closing the sockets from here is not safe while their threads block in receive, so give it time.
            try {
                Thread.sleep(REPLY_FLUSH_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0); // user threads and shutdown hooks must not keep the process alive
        }, "sealbook-exit");
        t.start();
    }
}
