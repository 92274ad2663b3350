const { src, dest } = require('gulp');

// tsc emits only JavaScript and the codex JSON; the node and credential icons are copied beside them.
function buildIcons() {
	return src(['icons/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
