package org.anju.gateway.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connection's socket as flow control sees it: records each pause and resume, in order. */
final class RecordingSocket implements FlowControl.Socket {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void pause() {
        calls.add("pause");
    }

    @Override
    public void resume() {
        calls.add("resume");
    }

    /** Returns whether reading is paused now: the last call was a pause. */
    boolean paused() {
        return !calls.isEmpty() && calls.getLast().equals("pause");
    }
}
