package dev.tern.message;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/** A message whose body is a String. */
public class TernTextMessage extends TernMessage implements TextMessage {

    private String text;

    public TernTextMessage() {
    }

    public TernTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    Object bodyForGetBody() {
        return text;
    }

    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) {
        return text == null || c.isAssignableFrom(String.class);
    }

    @Override
    BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    @Override
    int bodySizeHint() {
        return text == null ? 1 : text.length() + 5;
    }

    @Override
    void encodeBody(WireWriter writer) {
        writer.writeString(text);
    }

    @Override
    void decodeBody(WireReader reader) {
        text = reader.readString();
    }

    @Override
    void copyBodyFrom(Message foreign) throws JMSException {
        text = ((TextMessage) foreign).getText();
    }
}
