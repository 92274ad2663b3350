const { src, dest } = require('gulp');

// tsc emits only JavaScript and the codex JSON; the node and credential icons, and the chart
// font's licence (its outlines are in fontData.js), are copied beside them.
function buildIcons() {
	return src(['icons/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg', 'nodes/**/*-LICENSE.txt'], { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
