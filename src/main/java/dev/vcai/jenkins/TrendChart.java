package dev.vcai.jenkins;

import com.google.gson.Gson;
import dev.vcai.policy.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The trend across builds as the model of an ECharts line chart, in the JSON shape of the Jenkins ECharts API's
 * {@code LinesChartModel} (x-axis labels, build numbers, series of integers), so the plugin's job action hands it to
 * the chart as it is: the commits of each verdict stacked, and the highest and mean risk as lines.
 *
 * @param domainAxisLabels {@code #12}, oldest build first
 */
public record TrendChart(String id, List<String> domainAxisLabels, List<Integer> buildNumbers, List<Series> series) {
    private static final Gson GSON = new Gson();
    private static final Map<Verdict, String> COLOURS = Map.of(Verdict.APPROVED, "#1a7f37", Verdict.CONDITIONAL, "#bf8700",
            Verdict.REJECTED, "#cf222e", Verdict.BLOCKED, "#82071e");

    public TrendChart {
        domainAxisLabels = List.copyOf(domainAxisLabels);
        buildNumbers = List.copyOf(buildNumbers);
        series = List.copyOf(series);
    }

    /** One line: {@code stack} groups the lines drawn on top of each other, empty for a line of its own. */
    public record Series(String name, String type, String symbol, String stack, List<Integer> data, ItemStyle itemStyle,
                         AreaStyle areaStyle) {
        public Series {
            data = List.copyOf(data);
        }
    }

    public record ItemStyle(String color) {
    }

    /** Present (and empty) when the area under the line is filled. */
    public record AreaStyle() {
    }

    public static TrendChart of(List<TrendPoint> points) {
        List<TrendPoint> builds = points.stream().sorted(Comparator.comparingInt(TrendPoint::build)).toList();
        List<Series> series = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            series.add(new Series(verdict.name(), "line", "circle", "verdicts", values(builds, p -> p.verdicts().get(verdict)),
                    new ItemStyle(COLOURS.get(verdict)), new AreaStyle()));
        }
        series.add(new Series("max risk", "line", "circle", "", values(builds, TrendPoint::maxRisk), new ItemStyle("#57606a"), null));
        series.add(new Series("mean risk", "line", "circle", "", values(builds, p -> (int) Math.round(p.meanRisk())),
                new ItemStyle("#8c959f"), null));
        return new TrendChart("vcai", builds.stream().map(p -> "#" + p.build()).toList(), builds.stream().map(TrendPoint::build).toList(),
                series);
    }

    private static List<Integer> values(List<TrendPoint> builds, ToIntFunction<TrendPoint> value) {
        return builds.stream().map(p -> value.applyAsInt(p)).toList();
    }

    public String toJson() {
        return GSON.toJson(this);
    }
}
