package dev.tern.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Runs the JMH set ({@code dev.tern.bench.jmh}) with the GC profiler and collects its figures. */
final class MicroBenchmarks {

    private MicroBenchmarks() {
    }

    static List<Report.MicroResult> run(int iterations, int iterationMillis) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.tern\\.bench\\.jmh\\..*")
                .forks(1)
                .warmupIterations(iterations)
                .warmupTime(TimeValue.milliseconds(iterationMillis))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(iterationMillis))
                .addProfiler("gc");
        // The forks inherit this JVM's options (heap, Chronicle module flags).
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Report.MicroResult> out = new ArrayList<>();
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            Map<String, Result> secondary = r.getSecondaryResults();
            Result<?> alloc = secondary.get("gc.alloc.rate.norm");
            String name = r.getParams().getBenchmark().replace("dev.tern.bench.jmh.", "");
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : ", ").append(key).append('=').append(r.getParams().getParam(key));
            }
            out.add(new Report.MicroResult(name, params.length() == 0 ? "" : params.toString(), primary.getScore(),
                    primary.getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore()));
        }
        return out;
    }
}
