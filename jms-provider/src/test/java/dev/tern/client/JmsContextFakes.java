package dev.tern.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small recording fakes of the classic interfaces (dynamic proxies), enough to check what the
 * simplified API asks of them. Real behaviour is tested against the broker in JmsContextIntegrationTest.
 */
final class JmsContextFakes {

    private JmsContextFakes() {
    }

    /** One classic method's stand-in. */
    @FunctionalInterface
    interface Answer {
        Object answer(Object[] args) throws Exception;
    }

    /** Records every call ("name" or "name:arg0") and answers from a map; unknown calls return defaults. */
    static class Recorder implements InvocationHandler {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Answer> answers = new HashMap<>();

        Recorder on(String method, Answer answer) {
            answers.put(method, answer);
            return this;
        }

        int count(String call) {
            synchronized (calls) {
                return (int) calls.stream().filter(call::equals).count();
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "fake " + proxy.getClass().getInterfaces()[0].getSimpleName();
                };
            }
            calls.add(args != null && args.length > 0 ? name + ":" + args[0] : name);
            Answer answer = answers.get(name);
            if (answer == null) {
                return defaultValue(method.getReturnType());
            }
            try {
                return answer.answer(args == null ? new Object[0] : args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, InvocationHandler handler, Class<?>... more) {
        Class<?>[] interfaces = new Class<?>[more.length + 1];
        interfaces[0] = type;
        System.arraycopy(more, 0, interfaces, 1, more.length);
        return (T) Proxy.newProxyInstance(JmsContextFakes.class.getClassLoader(), interfaces, handler);
    }

    /** A connection whose sessions are {@link FakeSession}s. */
    static final class FakeConnection {
        final Recorder recorder = new Recorder();
        final List<FakeSession> sessions = new ArrayList<>();
        final Connection connection = proxy(Connection.class, recorder);
        String clientID;

        FakeConnection() {
            recorder.on("createSession", args -> {
                FakeSession session = new FakeSession((Integer) args[0]);
                sessions.add(session);
                return session.session;
            });
            recorder.on("getClientID", args -> clientID);
            recorder.on("setClientID", args -> {
                clientID = (String) args[0];
                return null;
            });
        }

        FakeSession onlySession() {
            if (sessions.size() != 1) {
                throw new AssertionError("expected one session, got " + sessions.size());
            }
            return sessions.get(0);
        }
    }

    /** A session making fake messages, one recording producer and consumers fed from {@link #incoming}. */
    static final class FakeSession {
        final int mode;
        final Recorder recorder = new Recorder();
        final Session session = proxy(Session.class, recorder);
        final Recorder producerRecorder = new Recorder();
        final List<Sent> sent = new ArrayList<>();
        final Deque<Message> incoming = new ArrayDeque<>();
        final List<Recorder> consumers = new ArrayList<>();
        /** When set, sends are asynchronous and this runs on "the completion thread" (here: the caller's). */
        boolean completeAsyncSendsAtOnce = true;

        FakeSession(int mode) {
            this.mode = mode;
            recorder.on("createMessage", args -> message(Message.class));
            recorder.on("createTextMessage", args -> withBody(message(TextMessage.class), args));
            recorder.on("createBytesMessage", args -> message(BytesMessage.class));
            recorder.on("createMapMessage", args -> message(MapMessage.class));
            recorder.on("createStreamMessage", args -> message(StreamMessage.class));
            recorder.on("createObjectMessage", args -> withBody(message(ObjectMessage.class), args));
            recorder.on("createQueue", args -> new TernQueue((String) args[0]));
            recorder.on("createTopic", args -> new TernTopic((String) args[0]));
            recorder.on("getTransacted", args -> mode == Session.SESSION_TRANSACTED);
            recorder.on("createProducer", args -> producer());
            Answer consumer = args -> consumer();
            for (String create : List.of("createConsumer", "createDurableConsumer", "createSharedConsumer",
                    "createSharedDurableConsumer")) {
                recorder.on(create, consumer);
            }
        }

        private static Message withBody(Message message, Object[] args) {
            if (args.length == 1) {
                ((FakeMessage) Proxy.getInvocationHandler(message)).body = args[0];
            }
            return message;
        }

        private MessageProducer producer() {
            producerRecorder.on("send", args -> {
                Sent s = new Sent((Destination) args[0], (Message) args[1], (Integer) args[2], (Integer) args[3],
                        (Long) args[4], producerRecorder.calls);
                sent.add(s);
                if (args.length == 6 && completeAsyncSendsAtOnce) {
                    ((CompletionListener) args[5]).onCompletion(s.message);
                }
                return null;
            });
            return proxy(MessageProducer.class, producerRecorder);
        }

        MessageConsumer consumer() {
            Recorder r = new Recorder();
            consumers.add(r);
            MessageListener[] listener = new MessageListener[1];
            r.on("receive", args -> incoming.poll());
            r.on("receiveNoWait", args -> incoming.poll());
            r.on("setMessageListener", args -> {
                listener[0] = (MessageListener) args[0];
                return null;
            });
            r.on("getMessageListener", args -> listener[0]);
            return proxy(MessageConsumer.class, r);
        }

        /** Delivers one message to the last consumer's listener, as the session's delivery thread would. */
        void deliver(Message message) throws Exception {
            Recorder last = consumers.get(consumers.size() - 1);
            ((MessageListener) last.answers.get("getMessageListener").answer(new Object[0])).onMessage(message);
        }
    }

    /** One send as the classic producer saw it; {@code producerCalls} shows the option setters called before. */
    record Sent(Destination destination, Message message, int deliveryMode, int priority, long timeToLive,
                List<String> producerCalls) {
    }

    static <T extends Message> T message(Class<T> kind) {
        return proxy(kind, new FakeMessage());
    }

    static FakeMessage state(Message message) {
        return (FakeMessage) Proxy.getInvocationHandler(message);
    }

    /** Headers, properties (no conversions) and a body; read-only properties when {@link #received}. */
    static final class FakeMessage implements InvocationHandler {
        final Map<String, Object> headers = new HashMap<>();
        final Map<String, Object> properties = new LinkedHashMap<>();
        final Map<String, Object> map = new LinkedHashMap<>();
        Object body;
        boolean received;
        int acknowledged;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(this);
                    default -> "fake message " + headers;
                };
            }
            switch (name) {
                case "acknowledge":
                    acknowledged++;
                    return null;
                case "getPropertyNames":
                    return Collections.enumeration(new ArrayList<>(properties.keySet()));
                case "propertyExists":
                    return properties.containsKey(args[0]);
                case "clearProperties":
                    properties.clear();
                    return null;
                case "setObject":
                    if (args.length == 1) {
                        body = args[0];
                        return null;
                    }
                    if (!(args[1] instanceof Number || args[1] instanceof String || args[1] instanceof Boolean)) {
                        throw new MessageFormatException("not a valid map value: " + args[1]);
                    }
                    map.put((String) args[0], args[1]);
                    body = map;
                    return null;
                case "setText":
                case "writeBytes":
                    body = args[0];
                    return null;
                case "getText":
                case "getObject":
                    return body;
                case "getBody":
                    if (body == null || ((Class<?>) args[0]).isInstance(body)) {
                        return body;
                    }
                    throw new MessageFormatException("body is not a " + args[0]);
                default:
                    return accessor(method, name, args);
            }
        }

        private Object accessor(Method method, String name, Object[] args) throws JMSException {
            if (name.startsWith("set") && name.endsWith("Property")) {
                if (received) {
                    throw new MessageNotWriteableException("properties are read-only");
                }
                Object value = args[1];
                if (value != null && !(value instanceof Number || value instanceof String
                        || value instanceof Boolean || value instanceof Character)) {
                    throw new MessageFormatException("not a valid property value: " + value);
                }
                properties.put((String) args[0], value);
                return null;
            }
            if (name.startsWith("get") && name.endsWith("Property")) {
                Object value = properties.get(args[0]);
                return value == null ? defaultValue(method.getReturnType()) : value;
            }
            if (name.startsWith("setJMS")) {
                headers.put(name.substring(3), args[0]);
                return null;
            }
            if (name.startsWith("getJMS")) {
                Object value = headers.get(name.substring(3));
                return value == null ? defaultValue(method.getReturnType()) : value;
            }
            return defaultValue(method.getReturnType());
        }
    }
}
