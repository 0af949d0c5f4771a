package org.anju.platform.maintenance.plans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkOrderSink;
import org.anju.platform.storage.UnitOfWork;

/**
 * The other side's contract as a recording fake (the work orders are the {@code work} branch's): it
 * keeps every call and, as the contract requires, one order per source reference.
 */
final class RecordingSink implements WorkOrderSink {

    final List<DueWork> calls = new ArrayList<>();
    final Map<String, Long> orders = new LinkedHashMap<>();

    @Override
    public synchronized long open(UnitOfWork.Tx tx, DueWork due) {
        calls.add(due);
        return orders.computeIfAbsent(due.sourceRef(), ref -> (long) orders.size() + 1);
    }
}
