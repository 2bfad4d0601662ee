package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The {@code stemmer} token filter. Its {@code language} (or {@code name}) parameter takes the
 * Elasticsearch names of the French and English stemmers. The default is {@code porter}.
 */
public class StemmerFilterFactory extends AbstractTokenFilterFactory {

    // NOTE: Elasticsearch also has stemmers for other languages (german, spanish, light_italian...).
    // Add one here when an index needs it.
    private static final Map<String, UnaryOperator<TokenStream>> STEMMERS = new TreeMap<>(Map.of(
        "french", tokenStream -> new SnowballFilter(tokenStream, new FrenchStemmer()),
        "light_french", FrenchLightStemFilter::new,
        "minimal_french", FrenchMinimalStemFilter::new,
        "english", PorterStemFilter::new,
        "porter", PorterStemFilter::new,
        "porter2", tokenStream -> new SnowballFilter(tokenStream, new EnglishStemmer()),
        "light_english", KStemFilter::new,
        "minimal_english", EnglishMinimalStemFilter::new,
        "possessive_english", EnglishPossessiveFilter::new
    ));

    private final UnaryOperator<TokenStream> stemmer;

    public StemmerFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        String language = settings.get("language", settings.get("name", "porter"));
        stemmer = STEMMERS.get(language.toLowerCase(Locale.ROOT));
        if (stemmer == null) {
            throw new IllegalArgumentException(
                "unsupported language [" + language + "] for stemmer filter [" + name + "], this node supports " + STEMMERS.keySet()
            );
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
