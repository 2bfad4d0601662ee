package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;

/**
 * The {@code french} analyzer type: Lucene's FrenchAnalyzer (standard tokenizer, elision,
 * lowercase, French stop words, light French stemmer), with the {@code stopwords},
 * {@code stopwords_path} and {@code stem_exclusion} parameters of Elasticsearch.
 */
public class FrenchAnalyzerProvider extends AbstractIndexAnalyzerProvider<FrenchAnalyzer> {

    private final FrenchAnalyzer analyzer;

    public FrenchAnalyzerProvider(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        analyzer = new FrenchAnalyzer(
            Analysis.parseStopWords(environment, settings, FrenchAnalyzer.getDefaultStopSet()),
            Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
        );
    }

    @Override
    public FrenchAnalyzer get() {
        return analyzer;
    }
}
