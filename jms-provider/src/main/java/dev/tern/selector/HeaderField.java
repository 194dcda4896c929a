package dev.tern.selector;

import jakarta.jms.DeliveryMode;

/** The six header fields a selector may reference (Jakarta Messaging 3.1, section 3.8.1.1). */
enum HeaderField {
    DELIVERY_MODE("JMSDeliveryMode", StaticType.STRING),
    PRIORITY("JMSPriority", StaticType.NUMERIC),
    MESSAGE_ID("JMSMessageID", StaticType.STRING),
    TIMESTAMP("JMSTimestamp", StaticType.NUMERIC),
    CORRELATION_ID("JMSCorrelationID", StaticType.STRING),
    TYPE("JMSType", StaticType.STRING);

    static final String PERSISTENT = "PERSISTENT";
    static final String NON_PERSISTENT = "NON_PERSISTENT";

    private final String identifier;
    private final StaticType type;

    HeaderField(String identifier, StaticType type) {
        this.identifier = identifier;
        this.type = type;
    }

    String identifier() {
        return identifier;
    }

    StaticType type() {
        return type;
    }

    /** The header with this exact (case-sensitive) identifier, or null. */
    static HeaderField named(String identifier) {
        for (HeaderField field : values()) {
            if (field.identifier.equals(identifier)) {
                return field;
            }
        }
        return null;
    }

    /** How a selector sees a JMSDeliveryMode value: 'PERSISTENT', 'NON_PERSISTENT', or null if neither. */
    static String deliveryModeName(int deliveryMode) {
        return switch (deliveryMode) {
            case DeliveryMode.PERSISTENT -> PERSISTENT;
            case DeliveryMode.NON_PERSISTENT -> NON_PERSISTENT;
            default -> null;
        };
    }
}
