package org.jobcluster.search.plugin;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.util.SetOnce;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.PreConfiguredCharFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenizer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.jobcluster.search.plugin.analysis.AsciiFoldingFilterFactory;
import org.jobcluster.search.plugin.analysis.EdgeNGramFilterFactory;
import org.jobcluster.search.plugin.analysis.ElisionFilterFactory;
import org.jobcluster.search.plugin.analysis.FrenchAnalyzerProvider;
import org.jobcluster.search.plugin.analysis.HtmlStripCharFilterFactory;
import org.jobcluster.search.plugin.analysis.KeywordMarkerFilterFactory;
import org.jobcluster.search.plugin.analysis.LowerCaseFilterFactory;
import org.jobcluster.search.plugin.analysis.MappingCharFilterFactory;
import org.jobcluster.search.plugin.analysis.NGramFilterFactory;
import org.jobcluster.search.plugin.analysis.NGramTokenizerFactory;
import org.jobcluster.search.plugin.analysis.SnowballFilterFactory;
import org.jobcluster.search.plugin.analysis.StemmerFilterFactory;
import org.jobcluster.search.plugin.analysis.SynonymFilterFactory;
import org.jobcluster.search.plugin.analysis.UpperCaseFilterFactory;
import org.jobcluster.search.plugin.rest.RestRootAction;
import org.tartarus.snowball.ext.FrenchStemmer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Stands in for two Elasticsearch modules that Maven Central does not publish, so that the
 * development node accepts the same index settings and requests as the official distribution.
 *
 * <p>From analysis-common it registers, under the same names and parameters: the
 * {@code french} analyzer; the token filters {@code elision}, {@code lowercase} (with
 * {@code language}), {@code uppercase}, {@code asciifolding}, {@code stemmer},
 * {@code snowball}, {@code french_stem}, {@code keyword_marker}, {@code synonym},
 * {@code synonym_graph}, {@code ngram} and {@code edge_ngram}; the tokenizers
 * {@code keyword}, {@code whitespace}, {@code letter}, {@code ngram} and {@code edge_ngram};
 * the character filters {@code html_strip} and {@code mapping}. The server itself provides
 * the {@code standard} analyzer and tokenizer, the {@code stop}, {@code shingle} and
 * {@code hunspell} filters, and {@code lowercase} by name.
 *
 * <p>From rest-root it provides {@code GET /}.
 */
public class JobClusterModulesPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    /** Default max_token_length of the whitespace tokenizer in Elasticsearch. */
    private static final int WHITESPACE_MAX_TOKEN_LENGTH = 255;

    private final SetOnce<ClusterService> clusterService = new SetOnce<>();

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService.set(services.clusterService());
        return List.of();
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        analyzers.put("french", FrenchAnalyzerProvider::new);
        return analyzers;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("asciifolding", AsciiFoldingFilterFactory::new);
        filters.put("edge_ngram", EdgeNGramFilterFactory::new);
        filters.put("elision", requiresAnalysisSettings(ElisionFilterFactory::new));
        filters.put("french_stem", (indexSettings, environment, name, settings) -> new SnowballFilterFactory(
            indexSettings,
            environment,
            name,
            Settings.builder().put("language", "French").build()
        ));
        filters.put("keyword_marker", requiresAnalysisSettings(KeywordMarkerFilterFactory::new));
        filters.put("lowercase", LowerCaseFilterFactory::new);
        filters.put("ngram", NGramFilterFactory::new);
        filters.put("snowball", SnowballFilterFactory::new);
        filters.put("stemmer", StemmerFilterFactory::new);
        filters.put("synonym", requiresAnalysisSettings(SynonymFilterFactory::synonym));
        filters.put("synonym_graph", requiresAnalysisSettings(SynonymFilterFactory::synonymGraph));
        filters.put("uppercase", UpperCaseFilterFactory::new);
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("edge_ngram", NGramTokenizerFactory::edgeNGram);
        tokenizers.put("keyword", (indexSettings, environment, name, settings) -> {
            int bufferSize = settings.getAsInt("buffer_size", KeywordTokenizer.DEFAULT_BUFFER_SIZE);
            return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
        });
        tokenizers.put("letter", (indexSettings, environment, name, settings) -> TokenizerFactory.newFactory(name, LetterTokenizer::new));
        tokenizers.put("ngram", NGramTokenizerFactory::ngram);
        tokenizers.put("whitespace", (indexSettings, environment, name, settings) -> {
            int maxTokenLength = settings.getAsInt("max_token_length", WHITESPACE_MAX_TOKEN_LENGTH);
            return TokenizerFactory.newFactory(name, () -> new WhitespaceTokenizer(maxTokenLength));
        });
        return tokenizers;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> charFilters = new TreeMap<>();
        charFilters.put("html_strip", HtmlStripCharFilterFactory::new);
        charFilters.put("mapping", requiresAnalysisSettings(MappingCharFilterFactory::new));
        return charFilters;
    }

    /** Analyzers usable by name in a mapping without being defined in the index settings. */
    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        return List.of(new PreBuiltAnalyzerProviderFactory("french", CachingStrategy.LUCENE, FrenchAnalyzer::new));
    }

    /** Token filters usable by name, with Elasticsearch's defaults. */
    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
            PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new),
            PreConfiguredTokenFilter.singleton("edge_ngram", false, false, input -> new EdgeNGramTokenFilter(input, 1)),
            PreConfiguredTokenFilter.singleton("elision", true, input -> new ElisionFilter(input, FrenchAnalyzer.DEFAULT_ARTICLES)),
            PreConfiguredTokenFilter.singleton("french_stem", false, input -> new SnowballFilter(input, new FrenchStemmer())),
            PreConfiguredTokenFilter.singleton("ngram", false, false, input -> new NGramTokenFilter(input, 1, 2, false)),
            PreConfiguredTokenFilter.singleton("snowball", false, input -> new SnowballFilter(input, "English")),
            PreConfiguredTokenFilter.singleton("stemmer", false, PorterStemFilter::new),
            PreConfiguredTokenFilter.singleton("uppercase", true, UpperCaseFilter::new)
        );
    }

    /** Tokenizers usable by name, with Elasticsearch's defaults. */
    @Override
    public List<PreConfiguredTokenizer> getPreConfiguredTokenizers() {
        return List.of(
            PreConfiguredTokenizer.singleton("edge_ngram", () -> new EdgeNGramTokenizer(1, 2)),
            PreConfiguredTokenizer.singleton("keyword", KeywordTokenizer::new),
            PreConfiguredTokenizer.singleton("letter", LetterTokenizer::new),
            PreConfiguredTokenizer.singleton("ngram", NGramTokenizer::new),
            PreConfiguredTokenizer.singleton("whitespace", WhitespaceTokenizer::new)
        );
    }

    /** Character filters usable by name. */
    @Override
    public List<PreConfiguredCharFilter> getPreConfiguredCharFilters() {
        return List.of(PreConfiguredCharFilter.singleton("html_strip", false, HTMLStripCharFilter::new));
    }

    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new RestRootAction(clusterService::get));
    }
}
