package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A minimal MQTT 3.1.1 client over a plain socket, so that tests decide exactly which bytes are
 * sent and how they are cut into TCP writes: CONNECT, QoS 1 PUBLISH, any bytes at all, and reading
 * CONNACK/PUBACK packets or the end of the connection.
 */
final class RawMqttClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawMqttClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects (clean session) and returns the CONNACK return code. */
    int connect(String clientId, String username, String password) throws IOException {
        write(connectPacket(clientId, username, password));
        return readConnack();
    }

    /** Encodes a CONNECT (MQTT 3.1.1, clean session, user name and password). */
    static byte[] connectPacket(String clientId, String username, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0b1100_0010); // user name, password, clean session
        body.write(0);
        body.write(60); // keep alive
        writeString(body, clientId);
        writeString(body, username);
        writeString(body, password);
        return packet(0x10, body.toByteArray());
    }

    /** Sends the bytes in one write. */
    void write(byte[]... packets) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            all.writeBytes(packet);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** Reads the next packet, which must be a CONNACK, and returns its return code. */
    int readConnack() throws IOException {
        int type = in.readUnsignedByte();
        int length = readRemainingLength();
        byte[] connack = in.readNBytes(length);
        if (type != 0x20 || connack.length != 2) {
            throw new IOException("expected CONNACK, got packet type " + Integer.toHexString(type));
        }
        return connack[1];
    }

    /** Encodes a QoS 1 PUBLISH. */
    static byte[] publish(String topic, int messageId, byte[] payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        body.write(messageId >> 8);
        body.write(messageId & 0xFF);
        body.write(payload);
        return packet(0x32, body.toByteArray());
    }

    /** Writes bytes in chunks of the given sizes (cycled), flushing each, so packets straddle TCP writes. */
    void writeInChunks(byte[] bytes, int... chunkSizes) throws IOException {
        int offset = 0;
        int i = 0;
        while (offset < bytes.length) {
            int size = Math.min(chunkSizes[i++ % chunkSizes.length], bytes.length - offset);
            out.write(bytes, offset, size);
            out.flush();
            offset += size;
        }
    }

    /** Reads the next PUBACK and returns its message id. */
    int readPuback() throws IOException {
        int type = in.readUnsignedByte();
        int length = readRemainingLength();
        byte[] body = in.readNBytes(length);
        if (type != 0x40 || body.length != 2) {
            throw new IOException("expected PUBACK, got packet type " + Integer.toHexString(type));
        }
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /** Subscribes to one filter and returns the SUBACK's return code (0x80 is a refusal). */
    int subscribe(int messageId, String filter, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(messageId >> 8);
        body.write(messageId & 0xFF);
        writeString(body, filter);
        body.write(qos);
        write(packet(0x82, body.toByteArray()));
        Packet suback = readPacket();
        if (suback.type() != 0x90 || suback.body().length != 3) {
            throw new IOException("expected SUBACK, got packet type " + Integer.toHexString(suback.type()));
        }
        return suback.body()[2] & 0xFF;
    }

    /** A packet read from the server: its first byte and its variable header and payload. */
    record Packet(int header, byte[] body) {

        /** The packet type with its flags cleared (0x30 for any PUBLISH). */
        int type() {
            return header & 0xF0;
        }

        /** The topic of a PUBLISH. */
        String topic() {
            int length = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            return new String(body, 2, length, UTF_8);
        }

        /** The payload of a QoS 0 PUBLISH. */
        String qos0Payload() {
            int length = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            return new String(body, 2 + length, body.length - 2 - length, UTF_8);
        }
    }

    /** Reads the next packet, or returns null when the server has closed the connection. */
    Packet readPacket() throws IOException {
        int header;
        try {
            header = in.read();
        } catch (java.net.SocketException reset) {
            return null;
        }
        if (header < 0) {
            return null;
        }
        int length = readRemainingLength();
        return new Packet(header, in.readNBytes(length));
    }

    /** Returns whether the server closed the connection (reading up to its end, within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // whatever the server still sent before closing
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(UTF_8);
        out.write(utf8.length >> 8);
        out.write(utf8.length & 0xFF);
        out.writeBytes(utf8);
    }

    private int readRemainingLength() throws IOException {
        int value = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.readUnsignedByte();
            value += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        return value;
    }
}
