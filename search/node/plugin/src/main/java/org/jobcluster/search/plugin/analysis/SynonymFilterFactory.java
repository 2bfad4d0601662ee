package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code synonym} and {@code synonym_graph} token filters.
 *
 * <p>Rules come from {@code synonyms} (inline, Solr or WordNet format) or {@code synonyms_path}
 * (a file relative to the node's config directory). Other parameters: {@code format}
 * ({@code solr} or {@code wordnet}), {@code expand} (default true), {@code lenient} (skip rules
 * that cannot be analyzed; default: the value of {@code updateable}) and {@code updateable}
 * (the filter may then only appear in search analyzers). As in Elasticsearch, the rules are
 * analyzed with the tokenizer and filters that come before this filter in the analyzer.
 *
 * <p>{@code synonyms_set} is rejected: it reads rules stored through the synonyms API, which
 * this node does not provide.
 */
public class SynonymFilterFactory extends AbstractTokenFilterFactory {

    private final Environment environment;
    private final Settings settings;
    private final boolean graph;
    private final boolean expand;
    private final boolean lenient;
    private final boolean wordnetFormat;
    private final AnalysisMode analysisMode;

    private SynonymFilterFactory(Environment environment, String name, Settings settings, boolean graph) {
        super(name, settings);
        this.environment = environment;
        this.settings = settings;
        this.graph = graph;

        if (settings.hasValue("synonyms_set")) {
            throw new IllegalArgumentException(
                "[synonyms_set] in filter [" + name + "] needs the synonyms API, which this node does not provide,"
                    + " so use [synonyms] or [synonyms_path]"
            );
        }
        if (settings.hasValue("synonyms") == false && settings.hasValue("synonyms_path") == false) {
            throw new IllegalArgumentException("synonym filter [" + name + "] requires [synonyms] or [synonyms_path]");
        }

        String format = settings.get("format", "");
        if (format.isEmpty() == false && format.equalsIgnoreCase("solr") == false && format.equalsIgnoreCase("wordnet") == false) {
            throw new IllegalArgumentException("invalid format [" + format + "] for synonym filter [" + name + "], expected solr or wordnet");
        }
        wordnetFormat = format.equalsIgnoreCase("wordnet");
        expand = settings.getAsBoolean("expand", true);
        boolean updateable = settings.getAsBoolean("updateable", false);
        lenient = settings.getAsBoolean("lenient", updateable);
        analysisMode = updateable ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    public static SynonymFilterFactory synonym(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        return new SynonymFilterFactory(environment, name, settings, false);
    }

    public static SynonymFilterFactory synonymGraph(
        IndexSettings indexSettings,
        Environment environment,
        String name,
        Settings settings
    ) {
        return new SynonymFilterFactory(environment, name, settings, true);
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        // Elasticsearch always calls getChainAwareTokenFilterFactory first, and uses the factory it returns.
        throw new IllegalStateException("synonym filter [" + name() + "] must be specialized for its analyzer before use");
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        Analyzer rulesAnalyzer = new CustomAnalyzer(
            tokenizer,
            charFilters.toArray(new CharFilterFactory[0]),
            previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
        );
        SynonymMap synonyms = buildSynonymMap(rulesAnalyzer);
        return new ChainAwareSynonymFilterFactory(name(), synonyms, graph, analysisMode);
    }

    private SynonymMap buildSynonymMap(Analyzer rulesAnalyzer) {
        try (Reader rules = openRules()) {
            SynonymMap.Parser parser = wordnetFormat
                ? LenientSynonymParsers.wordnet(expand, lenient, rulesAnalyzer)
                : LenientSynonymParsers.solr(expand, lenient, rulesAnalyzer);
            parser.parse(rules);
            return parser.build();
        } catch (Exception e) {
            throw new IllegalArgumentException("failed to build synonyms for filter [" + name() + "]: " + e.getMessage(), e);
        }
    }

    private Reader openRules() {
        if (settings.hasValue("synonyms")) {
            List<String> rules = settings.getAsList("synonyms");
            return new StringReader(String.join("\n", rules));
        }
        return Analysis.getReaderFromFile(environment, settings.get("synonyms_path"), "synonyms");
    }

    /** The filter of one analyzer, with the rules analyzed by that analyzer's chain. */
    private record ChainAwareSynonymFilterFactory(String name, SynonymMap synonyms, boolean graph, AnalysisMode analysisMode)
        implements
            TokenFilterFactory {

        @Override
        public TokenStream create(TokenStream tokenStream) {
            if (synonyms.fst == null) {
                return tokenStream;
            }
            // SynonymFilter is deprecated in Lucene, but the synonym filter type of Elasticsearch still uses it.
            return graph ? new SynonymGraphFilter(tokenStream, synonyms, false) : new SynonymFilter(tokenStream, synonyms, false);
        }

        /** A later synonym filter must not apply these rules to its own rules. */
        @Override
        public TokenFilterFactory getSynonymFilter() {
            return IDENTITY_FILTER;
        }

        @Override
        public AnalysisMode getAnalysisMode() {
            return analysisMode;
        }
    }
}
