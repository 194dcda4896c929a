package dev.tern.message;

import jakarta.jms.TextMessage;

/** PLACEHOLDER until branch {@code messages} lands. */
public class TernTextMessage extends TernMessage implements TextMessage {

    private String text;

    @Override
    public void setText(String text) {
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }
}
