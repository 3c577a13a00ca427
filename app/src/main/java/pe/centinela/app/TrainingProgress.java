package pe.centinela.app;

import java.time.Instant;
import pe.centinela.scoring.training.Backtest;

/** Prints what a training or a backtest is doing, one line a step. */
record TrainingProgress(Console console) implements Backtest.Progress {

    @Override
    public void replayed(long rows, Instant at) {
        console.line("replayed", Console.count(rows) + " transactions, up to " + at);
    }

    @Override
    public void step(String message) {
        console.line("", message);
    }
}
