package org.anju.protocol.catalogue.camera;

/**
 * The background colour of a Chinese licence plate, sent as the lower-case name: blue (small
 * vehicles), yellow (large vehicles), green (new-energy small), yellow_green (new-energy large),
 * white (police, military) and black (foreign, Hong Kong and Macao).
 */
public enum PlateColor {
    BLUE,
    YELLOW,
    GREEN,
    YELLOW_GREEN,
    WHITE,
    BLACK
}
