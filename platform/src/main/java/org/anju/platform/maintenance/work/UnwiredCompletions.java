package org.anju.platform.maintenance.work;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.maintenance.CompletedWork;
import org.anju.platform.maintenance.CompletionListener;
import org.anju.platform.storage.UnitOfWork;

/**
 * SEAM(plans): the {@link CompletionListener} of a platform built without plans and counters.
 * It hands completed work to nobody and says so in the log at WARN for every order: counters are
 * not reset and no next occurrence is scheduled. {@code AnjuPlatform#completions()} must be given
 * plans' implementation when the plans branch is merged; this class then goes.
 */
public final class UnwiredCompletions implements CompletionListener {

    private static final Logger LOG = LoggerFactory.getLogger(UnwiredCompletions.class);

    @Override
    public void completed(UnitOfWork.Tx tx, CompletedWork done) {
        LOG.warn("work order verified but no plans are wired to take it [workOrder: {}, device: {}, source: {}]",
                done.workOrderId(), done.deviceId(), done.sourceRef());
    }
}
