/**
 * People and places for billing: households of a community (building, unit, floor, number,
 * private area), the residents who belong to them as owners or tenants, their vehicles, the
 * community's parking spaces and car parks with their gate cameras, and the charging id tags of
 * households. The package owns {@code households}, {@code household_members}, {@code vehicles},
 * {@code car_parks}, {@code car_park_gates}, {@code parking_spaces} and {@code charging_id_tags};
 * other capabilities read them through {@link org.anju.platform.estate.Households},
 * {@link org.anju.platform.estate.Vehicles}, {@link org.anju.platform.estate.ParkingSpaces} and
 * {@link org.anju.platform.estate.IdTags}, each in the caller's
 * {@link org.anju.platform.storage.UnitOfWork.Tx}.
 */
package org.anju.platform.estate;
