package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

import java.util.Locale;

/** The {@code snowball} token filter. Its {@code language} names a Snowball stemmer, English by default. */
public class SnowballFilterFactory extends AbstractTokenFilterFactory {

    private final String language;

    public SnowballFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        String configured = settings.get("language", settings.get("name", "English"));
        // Lucene looks up the class org.tartarus.snowball.ext.<Language>Stemmer, so "french" becomes "French".
        language = configured.substring(0, 1).toUpperCase(Locale.ROOT) + configured.substring(1);

        // Fail when the index is created rather than on the first document.
        try {
            Class.forName("org.tartarus.snowball.ext." + language + "Stemmer", false, SnowballFilter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown language [" + configured + "] for snowball filter [" + name + "]", e);
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new SnowballFilter(tokenStream, language);
    }
}
