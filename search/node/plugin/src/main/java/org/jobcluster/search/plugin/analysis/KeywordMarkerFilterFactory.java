package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code keyword_marker} token filter, which protects words from the stemmers after it.
 * Takes either {@code keywords} or {@code keywords_path} (with {@code ignore_case}), or
 * {@code keywords_pattern}.
 */
public class KeywordMarkerFilterFactory extends AbstractTokenFilterFactory {

    private final CharArraySet keywords;
    private final Pattern keywordPattern;

    public KeywordMarkerFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        boolean ignoreCase = settings.getAsBoolean("ignore_case", false);
        String pattern = settings.get("keywords_pattern");
        Set<?> words = Analysis.getWordSet(environment, settings, "keywords");

        if (pattern != null && words != null) {
            throw new IllegalArgumentException(
                "keyword_marker filter [" + name + "] takes either [keywords_pattern] or [keywords] and [keywords_path], not both"
            );
        }
        if (pattern == null && words == null) {
            throw new IllegalArgumentException(
                "keyword_marker filter [" + name + "] requires [keywords], [keywords_path] or [keywords_pattern]"
            );
        }
        keywordPattern = pattern == null ? null : Pattern.compile(pattern);
        keywords = words == null ? null : new CharArraySet(words, ignoreCase);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (keywordPattern != null) {
            return new PatternKeywordMarkerFilter(tokenStream, keywordPattern);
        }
        return new SetKeywordMarkerFilter(tokenStream, keywords);
    }
}
